using System;
using System.Linq;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Guest
{
    public class InProcessHookRunnerTests
    {
        private sealed class TableSession : IGuestSession
        {
            public GuestHookTable Hooks { get; } = new GuestHookTable();

            public void Boot(ElfSymbols symbols, IGuestMemory memory, ITlbMaintenance tlb, ILogSink log)
            {
            }

            public uint KernelVaToPa(uint kernelVa) => kernelVa;
        }

        private static Mock<IGuestCpu> Cpu(params uint[] r0to3)
        {
            var cpu = new Mock<IGuestCpu>();
            for (var i = 0; i < r0to3.Length; i++)
            {
                cpu.Setup(c => c.GetRegister(i)).Returns(r0to3[i]);
            }
            cpu.Setup(c => c.GetRegister(ArmRegister.Lr)).Returns(0x40001235);
            return cpu;
        }

        [Test]
        public void A_call_returns_its_result_in_r0_and_resumes_at_lr_with_the_thumb_bit()
        {
            var session = new TableSession();
            session.Hooks.Add("LOS_KernelMalloc", c => c.Arg(0) + 0x100);
            var runner = new InProcessHookRunner(session, new InMemoryGuestMemory(0, 0x1000), new RecordingLog());
            var cpu = Cpu(0x20);

            Assert.That(runner.Service("LOS_KernelMalloc", cpu.Object), Is.True);

            cpu.Verify(c => c.SetRegister(0, 0x120));
            cpu.Verify(c => c.SetRegister(ArmRegister.Pc, 0x40001235));
            Assert.That(runner.Calls, Is.EqualTo(1));
            Assert.That(runner.CallsBySymbol["LOS_KernelMalloc"], Is.EqualTo(1));
        }

        [Test]
        public void A_void_function_leaves_r0_alone()
        {
            var session = new TableSession();
            session.Hooks.Add("LOS_KernelFree", (HookCall c) => { });
            var runner = new InProcessHookRunner(session, new InMemoryGuestMemory(0, 0x1000), new RecordingLog());
            var cpu = Cpu(0x40100000);

            runner.Service("LOS_KernelFree", cpu.Object);

            cpu.Verify(c => c.SetRegister(0, It.IsAny<uint>()), Times.Never);
        }

        [Test]
        public void Aborts_are_counted_apart()
        {
            var session = new TableSession();
            session.Hooks.Add(GuestAbi.DataAbortHost, c => 0u);
            session.Hooks.Add(GuestAbi.PrefetchAbortHost, c => 0u);
            var runner = new InProcessHookRunner(session, new InMemoryGuestMemory(0, 0x1000), new RecordingLog());

            runner.Service(GuestAbi.DataAbortHost, Cpu(0x807, 0x01000000).Object);
            runner.Service(GuestAbi.PrefetchAbortHost, Cpu(0x7, 0x01000000).Object);

            Assert.That(runner.Aborts, Is.EqualTo(2));
        }

        [Test]
        public void Hr_exit_records_the_status_and_halts()
        {
            var log = new RecordingLog();
            var runner = new InProcessHookRunner(new TableSession(), new InMemoryGuestMemory(0, 0x1000), log);
            var cpu = Cpu(unchecked((uint)-3));

            Assert.That(runner.Service(GuestAbi.Exit, cpu.Object), Is.False);

            Assert.That(runner.ExitStatus, Is.EqualTo(-3));
            Assert.That(log.Lines, Has.Some.Contains("firmware exited with status -3"));
            cpu.Verify(c => c.SetRegister(It.IsAny<int>(), It.IsAny<uint>()), Times.Never);
        }

        [Test]
        public void A_kernel_panic_halts_with_the_kernel_message()
        {
            var session = new TableSession();
            session.Hooks.Add("LOS_VMalloc", (Func<HookCall, uint>)(c => throw new KernelPanicException("OsMapL1PTE, failed to allocate pagetable")));
            var log = new RecordingLog();
            var runner = new InProcessHookRunner(session, new InMemoryGuestMemory(0, 0x1000), log);
            var cpu = Cpu(0x1000);

            Assert.That(runner.Service("LOS_VMalloc", cpu.Object), Is.False);

            Assert.That(runner.Failure, Is.EqualTo("LOS_Panic in LOS_VMalloc: OsMapL1PTE, failed to allocate pagetable"));
            Assert.That(log.Lines.Single(), Does.Contain("machine halted"));
            cpu.Verify(c => c.SetRegister(ArmRegister.Pc, It.IsAny<uint>()), Times.Never);
        }

        [Test]
        public void A_failing_handler_halts_with_the_arguments_it_got()
        {
            var session = new TableSession();
            session.Hooks.Add("LOS_MemAlloc", (Func<HookCall, uint>)(c => throw new InvalidOperationException("boom")));
            var runner = new InProcessHookRunner(session, new InMemoryGuestMemory(0, 0x1000), new RecordingLog());

            Assert.That(runner.Service("LOS_MemAlloc", Cpu(0x40200000, 0x10, 0, 0).Object), Is.False);

            Assert.That(runner.Failure, Does.StartWith("host handler for LOS_MemAlloc failed (r0=0x40200000 r1=0x00000010"));
            Assert.That(runner.Failure, Does.EndWith("boom"));
        }

        [Test]
        public void Symbols_are_the_session_hooks_and_hr_exit()
        {
            var session = new TableSession();
            session.Hooks.Add("LOS_MemAlloc", c => 0u);
            var runner = new InProcessHookRunner(session, new InMemoryGuestMemory(0, 0x1000), new RecordingLog());

            Assert.That(runner.Symbols, Is.EquivalentTo(new[] { "LOS_MemAlloc", GuestAbi.Exit }));
        }
    }
}
