using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Qemu.Rsp;

namespace HarmonyRenode.Qemu
{
    /// <summary>
    /// Runs a firmware ELF on qemu-system-arm (virt, cortex-a7) with a host session servicing its hooked symbols
    /// over QEMU's GDB stub. Every wait is bounded; the QEMU process never outlives <see cref="Run"/>.
    /// </summary>
    public sealed class QemuEngine
    {
        /// <summary>The firmware lacks a guest ABI symbol (same code as the guest's HR_EXIT_NO_HOST).</summary>
        public const int MissingConfigurationExitCode = 3;

        /// <summary>A LOS_* body ran in the guest: the host did not replace it (the guest's HR_EXIT_UNHOOKED).</summary>
        public const int UnhookedExitCode = 4;

        /// <summary>LOS_Panic in the model, or a kernel-mode fault the guest could not survive (HR_EXIT_KERNEL_PANIC).</summary>
        public const int KernelPanicExitCode = 5;

        /// <summary>The run did not finish in time (as timeout(1) reports it).</summary>
        public const int TimeoutExitCode = 124;

        /// <summary>QEMU crashed, the stub misbehaved, or the model refused the guest: the host stopped the run.</summary>
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

        /// <param name="atExit">Called with the guest's exit status while it is stopped in hr_exit, guest memory
        /// still readable through the session's model (diagnostics, invariant checks).</param>
        /// <param name="cancel">Stops the run (QEMU killed at once): Ctrl-C, SIGTERM. The result then reports a host failure.</param>
        public GuestRunResult Run(string firmwarePath, IGuestSession session, Action<int> atExit = null,
            CancellationToken cancel = default)
        {
            var symbols = ElfSymbols.Load(firmwarePath);
            var result = new GuestRunResult();
            var clock = Stopwatch.StartNew();
            var deadline = DateTime.UtcNow + options.RunTimeout;
            using (var qemu = new QemuProcess(options, firmwarePath, line =>
            {
                lock (result.UartLines)
                {
                    result.UartLines.Add(line);
                }
                uart(line);
            }))
            {
                using var onCancel = cancel.Register(qemu.Kill);
                result.QemuProcessId = qemu.Id;
                log.Log(LogLevel.Debug, $"QEMU pid {qemu.Id}: {qemu.CommandLine}");
                RspConnection connection = null;
                try
                {
                    connection = RspConnection.Connect(qemu.Port, DateTime.UtcNow + options.StartTimeout, qemu.ExitReason);
                    var gdb = new GdbRemote(connection, options.ReplyTimeout);
                    var run = new QemuRun(gdb, symbols, session, log, result, atExit, (ulong)options.GuestRamMiB << 20);
                    run.Start();
                    var exit = run.Loop(deadline);
                    result.ExitCode = exit;
                    // QEMU ends by itself after the semihosting exit; let the console drain.
                    connection.Dispose();
                    connection = null;
                    if (!qemu.WaitForExit(TimeSpan.FromSeconds(5)))
                    {
                        log.Log(LogLevel.Warning, "QEMU did not end after the firmware's exit; killing it");
                    }
                }
                catch (RspTimeoutException ex)
                {
                    result.Failure = DescribeTimeout(connection, symbols, ex);
                    result.ExitCode = TimeoutExitCode;
                }
                catch (QemuException ex)
                {
                    var gone = qemu.ExitReason();
                    result.Failure = gone != null ? $"{ex.Message} ({gone})" : ex.Message;
                    result.ExitCode = HostFailureExitCode;
                }
                catch (MissingSymbolException ex)
                {
                    result.Failure = ex.Message;
                    result.ExitCode = MissingConfigurationExitCode;
                }
                catch (KernelPanicException ex)
                {
                    // The kernel would halt with this message; the guest never gets control back.
                    result.Failure = "LOS_Panic in the model: " + ex.Message;
                    result.ExitCode = KernelPanicExitCode;
                }
                catch (GuestFaultException ex)
                {
                    result.Failure = ex.Message;
                    result.ExitCode = HostFailureExitCode;
                }
                finally
                {
                    connection?.Dispose();
                    qemu.Kill();
                }
                if (result.Failure != null)
                {
                    log.Log(LogLevel.Error, result.Failure);
                }
                result.Elapsed = clock.Elapsed;
                result.Packets = connection?.PacketsSent ?? result.Packets;
                return result;
            }
        }

        private string DescribeTimeout(RspConnection connection, ElfSymbols symbols, RspTimeoutException ex)
        {
            var what = $"firmware did not exit within {options.RunTimeout.TotalSeconds:0} s";
            if (connection == null)
            {
                return $"{what}: {ex.Message}";
            }
            try
            {
                // Stop the guest to say where it was; any byte does that, Ctrl-C is the polite one.
                connection.Interrupt();
                var gdb = new GdbRemote(connection, TimeSpan.FromSeconds(2));
                gdb.WaitStop(DateTime.UtcNow + TimeSpan.FromSeconds(2));
                var pc = gdb.ReadCoreRegisters()[ArmRegister.Pc];
                return $"{what}; stopped it at PC 0x{pc:X8} ({Describe(symbols, pc)})";
            }
            catch (QemuException)
            {
                return $"{what}: {ex.Message}";
            }
        }

        internal static string Describe(ElfSymbols symbols, uint address)
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
