using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Invariants;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.EndToEnd
{
    /// <summary>
    /// One firmware program run on QEMU against the real model. The model's state is sampled twice: right after
    /// boot and at hr_exit (guest stopped, its RAM still readable), because the heap check reads guest headers.
    /// </summary>
    public sealed class ModelRun
    {
        private ModelRun(string program)
        {
            Program = program;
        }

        public string Program { get; }

        public GuestRunResult Result { get; private set; }

        public LiteOsGuestSession Session { get; private set; }

        public LiteOsMemoryManager Model => Session.Manager;

        public ListLog Log { get; } = new ListLog();

        public IReadOnlyList<string> Uart => Result.UartLines;

        public int ExitCode => Result.ExitCode;

        public int FreePagesAtBoot { get; private set; }

        /// <summary>Null when the guest never reached hr_exit.</summary>
        public ExitState AtExit { get; private set; }

        /// <summary>The engines every program runs on: the shared-memory default and the GDB-breakpoint engine.</summary>
        public static readonly string[] Engines = { "qemu", "qemu-gdb" };

        public static IFirmwareEngine Engine(string name, QemuOptions options, Core.Ports.ILogSink log, Action<string> uart) =>
            name == "qemu-gdb" ? new QemuGdbEngine(options, log, uart) : new QemuEngine(options, log, uart);

        public static ModelRun Start(string program, TimeSpan? timeout = null, uint managedSize = LiteOsModelFactory.DefaultManagedSize,
            bool instructionCount = false, string engine = "qemu", Action<QemuOptions> configure = null, Action<string> onUart = null)
        {
            var run = new ModelRun(program);
            run.Session = new LiteOsGuestSession(managedSize, (symbols, config, memory, tlb, log) =>
            {
                var model = LiteOsModelFactory.CreateModel(symbols, config, memory, tlb, log);
                run.FreePagesAtBoot = model.Phys.FreePageCount;
                return model;
            });
            var options = new QemuOptions { RunTimeout = timeout ?? TimeSpan.FromSeconds(60), InstructionCount = instructionCount };
            configure?.Invoke(options);
            var runner = Engine(engine, options, run.Log, line =>
            {
                TestContext.Progress.WriteLine($"uart[{program}]: {line}");
                onUart?.Invoke(line);
            });
            run.Result = runner.Run(FirmwareBuild.Elf(program), run.Session, status => run.AtExit = new ExitState(run.Model, status));
            return run;
        }

        /// <summary>Everything the run printed and logged, for assertion messages.</summary>
        public string Transcript => $"{Program}: exit {Result.ExitCode}, failure: {Result.Failure ?? "none"}\n--- uart\n" +
            string.Join("\n", Result.UartLines) + "\n--- log\n" + string.Join("\n", Log.Lines);

        public void AssertExit(int code)
        {
            Assert.That(Result.ExitCode, Is.EqualTo(code), Transcript);
        }

        public void AssertInvariantsHold()
        {
            Assert.That(AtExit, Is.Not.Null, "the guest never reached hr_exit\n" + Transcript);
            Assert.That(AtExit.Violations.Select(v => v.ToString()), Is.Empty, "model invariants at hr_exit");
        }

        /// <summary>The program freed everything it took: the page allocator is back where boot left it.</summary>
        public void AssertNoLeakedPages()
        {
            Assert.That(AtExit, Is.Not.Null, "the guest never reached hr_exit\n" + Transcript);
            Assert.That(AtExit.FreePages, Is.EqualTo(FreePagesAtBoot), "free pages at hr_exit vs after boot\n" + AtExit.Pmm);
        }

        public void AssertUartHas(params string[] lines)
        {
            foreach (var line in lines)
            {
                Assert.That(Uart, Does.Contain(line), Transcript);
            }
        }

        /// <summary>
        /// firmware/transcripts/&lt;program&gt;.txt, the UART lines every engine must print: each inside a console line, in
        /// order, other lines allowed in between (what Renode's `Wait For Line On Uart` does, line after line).
        /// </summary>
        public void AssertTranscript()
        {
            var expected = System.IO.File.ReadAllLines(System.IO.Path.Combine(RepoPaths.Firmware, "transcripts", Program + ".txt"));
            var at = 0;
            foreach (var line in expected)
            {
                while (at < Uart.Count && !Uart[at].Contains(line))
                {
                    at++;
                }
                Assert.That(at, Is.LessThan(Uart.Count), $"transcript line '{line}' (in order)\n{Transcript}");
                at++;
            }
        }

        public void AssertLogHas(string fragment)
        {
            Assert.That(Log.Lines.Any(l => l.Contains(fragment)), Is.True, $"log line with '{fragment}'\n{Transcript}");
        }

        public void AssertQemuGone()
        {
            try
            {
                using var qemu = System.Diagnostics.Process.GetProcessById(Result.QemuProcessId);
                Assert.That(qemu.HasExited, Is.True, $"QEMU pid {Result.QemuProcessId} outlived the run");
            }
            catch (ArgumentException)
            {
                // no such process: gone, as it should be
            }
        }

        /// <summary>The model as hr_exit found it.</summary>
        public sealed class ExitState
        {
            public ExitState(LiteOsMemoryManager model, int status)
            {
                Status = status;
                Violations = model.CheckInvariants();
                FreePages = model.Phys.FreePageCount;
                UserSpaces = model.Vm.Spaces.SpaceList.Count(s => s.Kind == Core.Vm.VmSpaceKind.User);
                HeapUsed = model.Heap.LOS_MemTotalUsedGet();
                Vmm = model.Vmm();
                Pmm = model.Pmm();
                Free = model.Free();
            }

            public int Status { get; }

            public IReadOnlyList<InvariantViolation> Violations { get; }

            public int FreePages { get; }

            public int UserSpaces { get; }

            public uint HeapUsed { get; }

            public string Vmm { get; }

            public string Pmm { get; }

            public string Free { get; }
        }
    }
}
