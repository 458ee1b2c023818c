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
    /// The first engine (`--engine qemu-gdb`): a firmware ELF on qemu-system-arm (virt, cortex-a7) with a host session
    /// servicing its hooked symbols at breakpoints of QEMU's GDB stub, about a millisecond per stop. Every wait is
    /// bounded; the QEMU process never outlives <see cref="Run"/>. Kept as a second path that needs nothing of the
    /// firmware but its symbols; <see cref="QemuEngine"/> is the fast default.
    /// </summary>
    public sealed class QemuGdbEngine : IFirmwareEngine
    {
        private readonly QemuOptions options;
        private readonly ILogSink log;
        private readonly Action<string> uart;

        public QemuGdbEngine(QemuOptions options, ILogSink log, Action<string> uart)
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
            var result = new GuestRunResult { Engine = "qemu-gdb" };
            var clock = Stopwatch.StartNew();
            var deadline = DateTime.UtcNow + options.RunTimeout;
            var port = QemuProcess.FreeLoopbackPort();
            var args = new[] { "-M", "virt", "-semihosting", "-S", "-gdb", $"tcp:127.0.0.1:{port}" };
            using (var qemu = new QemuProcess(options, firmwarePath, args, line =>
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
                    connection = RspConnection.Connect(port, DateTime.UtcNow + options.StartTimeout, qemu.ExitReason);
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
                    result.ExitCode = QemuEngine.TimeoutExitCode;
                }
                catch (Exception ex) when (EngineFailures.Record(result, ex, qemu))
                {
                    // reported in the result
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
                return $"{what}; stopped it at PC 0x{pc:X8} ({QemuEngine.Describe(symbols, pc)})";
            }
            catch (QemuException)
            {
                return $"{what}: {ex.Message}";
            }
        }
    }
}
