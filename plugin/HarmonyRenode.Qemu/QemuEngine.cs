using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Guest.Hypercalls;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Qemu.Shared;

namespace HarmonyRenode.Qemu
{
    /// <summary>
    /// The default engine: qemu-system-arm (virt, cortex-a7) with its RAM in a memfd the host maps, and every hooked
    /// function served through the hypercall mailbox (firmware/ABI.md, "Hypercalls") by a host thread that polls it,
    /// spins a little after each call and then blocks on the semihosting doorbell. No debugger stop: a call costs about
    /// a microsecond. QEMU's GDB stub stays free for the user (<see cref="QemuOptions.GdbPort"/>). Every wait is
    /// bounded; QEMU never outlives <see cref="Run"/> (pdeathsig covers a killed host) and no file is left behind.
    /// </summary>
    public sealed class QemuEngine : IFirmwareEngine
    {
        /// <summary>The firmware lacks a guest ABI symbol (same code as the guest's HR_EXIT_NO_HOST).</summary>
        public const int MissingConfigurationExitCode = 3;

        /// <summary>A LOS_* body ran in the guest: the host did not replace it (the guest's HR_EXIT_UNHOOKED).</summary>
        public const int UnhookedExitCode = 4;

        /// <summary>LOS_Panic in the model, or a kernel-mode fault the guest could not survive (HR_EXIT_KERNEL_PANIC).</summary>
        public const int KernelPanicExitCode = 5;

        /// <summary>The run did not finish in time (as timeout(1) reports it).</summary>
        public const int TimeoutExitCode = 124;

        /// <summary>QEMU crashed, the protocol broke, or the model refused the guest: the host stopped the run.</summary>
        public const int HostFailureExitCode = 125;

        private readonly QemuOptions options;
        private readonly ILogSink log;
        private readonly Action<string> uart;

        public QemuEngine(QemuOptions options, ILogSink log, Action<string> uart)
        {
            this.options = options;
            this.log = log;
            this.uart = uart;
        }

        public GuestRunResult Run(string firmwarePath, IGuestSession session, Action<int> atExit = null, CancellationToken cancel = default)
        {
            var symbols = ElfSymbols.Load(firmwarePath);
            var result = new GuestRunResult { Engine = "qemu" };
            var clock = Stopwatch.StartNew();
            var deadline = DateTime.UtcNow + options.RunTimeout;
            var name = $"harmony-renode-{Environment.ProcessId}-{Guid.NewGuid().ToString("N").Substring(0, 8)}";
            var qmpPath = Path.Combine(Path.GetTempPath(), name + ".qmp");
            using var doorbell = HostDoorbell.Listen(Path.Combine(Path.GetTempPath(), name + ".bell"));
            var ramBytes = (uint)options.GuestRamMiB << 20;
            var args = new System.Collections.Generic.List<string>
            {
                "-M", "virt,memory-backend=ram0",
                "-object", $"memory-backend-memfd,id=ram0,size={options.GuestRamMiB}M,share=on",
                "-chardev", $"socket,id=hrbell,path={doorbell.Path}",
                "-semihosting-config", "enable=on,target=native,chardev=hrbell",
                "-qmp", $"unix:{qmpPath},server=on,wait=off",
                "-S",
            };
            if (options.InstructionCount)
            {
                args.AddRange(new[] { "-icount", "shift=0,sleep=off" });
            }
            using var link = options.LinkedDevice == null ? null : new SerialLink(options, log, result.DeviceUartLines);
            using var qemu = new QemuProcess(options, firmwarePath, args, line =>
            {
                lock (result.UartLines)
                {
                    result.UartLines.Add(line);
                }
                uart(line);
                link?.FromBoard(line);
            }, keepInput: link != null);
            link?.Attach(qemu);
            using var onCancel = cancel.Register(qemu.Kill);
            result.QemuProcessId = qemu.Id;
            result.DeviceProcessId = link?.DeviceProcessId ?? 0;
            log.Log(LogLevel.Debug, $"QEMU pid {qemu.Id}: {qemu.CommandLine}");
            QmpClient qmp = null;
            MappedGuestMemory memory = null;
            HookDispatcher dispatcher = null;
            try
            {
                var startDeadline = DateTime.UtcNow + options.StartTimeout;
                qmp = QmpClient.Connect(qmpPath, startDeadline, qemu.ExitReason, options.ReplyTimeout);
                TryDelete(qmpPath); // connected: the name is not needed any more
                doorbell.Accept(startDeadline, qemu.ExitReason);

                memory = new MappedGuestMemory(MemfdOf(qemu.Id), QemuRun.GuestRamBase, ramBytes);
                var tlb = new MailboxTlb();
                session.Boot(symbols, memory, tlb, log);
                dispatcher = new HookDispatcher(session, memory, log) { AtExit = atExit };
                var redirected = EntryRedirect.Apply(symbols, dispatcher.Symbols, memory, session.KernelVaToPa);
                var mailbox = session.KernelVaToPa(symbols.AddressOf(GuestAbi.Mailbox));
                memory.Fill(mailbox, (int)MailboxLayout.Size, 0);
                tlb.Clear(); // nothing is cached before the MMU comes on
                var server = new HypercallServer(dispatcher, memory, mailbox, tlb, session.PaToKernelVa);
                memory.Deferred = server.Copies;
                log.Log(LogLevel.Info, $"{redirected.Count} functions redirected to the hypercall mailbox at 0x{mailbox:X8}");

                qmp.Execute("cont");
                var waiter = new MailboxWaiter(server, memory, doorbell, options.HostSpin);
                var end = waiter.Run(deadline, cancel);
                result.HookStops = dispatcher.Calls;
                result.AbortStops = dispatcher.Aborts;
                foreach (var pair in dispatcher.CallsBySymbol)
                {
                    result.CallsBySymbol[pair.Key] = pair.Value;
                }
                result.TlbMaintenanceRuns = tlb.Operations;
                result.HostSleeps = waiter.Sleeps;
                result.Doorbells = memory.ReadUInt32(mailbox + MailboxLayout.Doorbells);
                result.LongestIdle = waiter.LongestIdle;
                result.LongestIdleCpu = waiter.LongestIdleCpu;
                switch (end)
                {
                    case MailboxWaiter.End.Halted:
                        result.Failure = dispatcher.FailureIsPanic ? "LOS_Panic in the model: " + dispatcher.PanicMessage : dispatcher.Failure;
                        result.ExitCode = dispatcher.FailureIsPanic ? KernelPanicExitCode : HostFailureExitCode;
                        break;
                    case MailboxWaiter.End.TimedOut:
                        result.Failure = DescribeTimeout(qmp, symbols);
                        result.ExitCode = TimeoutExitCode;
                        break;
                    case MailboxWaiter.End.Cancelled:
                        result.Failure = "run cancelled; QEMU stopped";
                        result.ExitCode = HostFailureExitCode;
                        break;
                    default:
                        Finish(qemu, dispatcher, result);
                        break;
                }
            }
            catch (Exception ex) when (EngineFailures.Record(result, ex, qemu))
            {
                // reported in the result
            }
            finally
            {
                qmp?.Dispose();
                qemu.Kill();
                memory?.Dispose();
                TryDelete(qmpPath);
            }
            if (result.Failure != null)
            {
                // A cancelled run was asked for (Ctrl-C, SIGTERM): the caller says so, not as an error of the engine.
                log.Log(cancel.IsCancellationRequested ? LogLevel.Info : LogLevel.Error, result.Failure);
            }
            result.GuestExitStatus ??= dispatcher?.ExitStatus;
            result.Elapsed = clock.Elapsed;
            return result;
        }

        /// <summary>The guest left the mailbox: it went through hr_exit (semihosting exit) or QEMU died.</summary>
        private void Finish(QemuProcess qemu, HookDispatcher dispatcher, GuestRunResult result)
        {
            if (!qemu.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                log.Log(LogLevel.Warning, "QEMU did not end after the firmware's exit; killing it");
            }
            if (dispatcher.ExitStatus.HasValue)
            {
                result.GuestExitStatus = dispatcher.ExitStatus;
                // What the semihosting exit makes QEMU's own exit code: the status's low byte, as exit(3) keeps it.
                result.ExitCode = dispatcher.ExitStatus.Value & 0xFF;
                return;
            }
            result.Failure = qemu.ExitReason() ?? "QEMU closed the doorbell without exiting";
            result.ExitCode = HostFailureExitCode;
        }

        private string DescribeTimeout(QmpClient qmp, ElfSymbols symbols)
        {
            var what = $"firmware did not exit within {options.RunTimeout.TotalSeconds:0} s";
            try
            {
                qmp.Execute("stop");
                var registers = qmp.HumanCommand("info registers");
                var match = Regex.Match(registers, @"R15=([0-9a-fA-F]{8})");
                if (match.Success)
                {
                    var pc = Convert.ToUInt32(match.Groups[1].Value, 16);
                    return $"{what}; stopped it at PC 0x{pc:X8} ({Describe(symbols, pc)})";
                }
            }
            catch (QemuException)
            {
                // QEMU went away meanwhile: say what we know
            }
            return what;
        }

        /// <summary>QEMU's RAM: the memfd its memory backend made, reopened through /proc (Linux).</summary>
        private static string MemfdOf(int pid)
        {
            foreach (var fd in Directory.GetFiles($"/proc/{pid}/fd"))
            {
                string target;
                try
                {
                    target = new FileInfo(fd).LinkTarget;
                }
                catch (IOException)
                {
                    continue;
                }
                if (target != null && target.StartsWith("/memfd:memory-backend-memfd", StringComparison.Ordinal))
                {
                    return fd;
                }
            }
            throw new QemuException($"QEMU (pid {pid}) has no memory-backend-memfd to share its RAM");
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // nothing there
            }
        }

        /// <summary>`function+0xoffset` of the nearest function symbol at or below <paramref name="address"/>.</summary>
        public static string Describe(ElfSymbols symbols, uint address)
        {
            ElfSymbol best = null;
            foreach (var s in symbols.All)
            {
                if (s.Type == ElfSymbolType.Function && s.Address <= address && (best == null || s.Address > best.Address))
                {
                    best = s;
                }
            }
            return best == null ? "no symbol" : $"{best.Name}+0x{address - best.Address:x}";
        }
    }
}
