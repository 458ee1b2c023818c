using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using HarmonyRenode.Core.Session;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Oracle;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Qemu;

namespace HarmonyRenode.Cli
{
    /// <summary>
    /// `run FIRMWARE.elf`: the firmware on QEMU with the model in this process. UART lines go to stdout as QEMU
    /// prints them; diagnostics and invariant checks are taken in hr_exit, while guest RAM can still be read.
    /// </summary>
    public sealed class RunCommand
    {
        private readonly CliOptions options;
        private readonly TextWriter output;
        private readonly TextWriter error;
        private readonly CancellationTokenSource cancel = new CancellationTokenSource();
        private volatile int interruptedWith;

        public RunCommand(CliOptions options, TextWriter output, TextWriter error)
        {
            this.options = options;
            this.output = output;
            this.error = error;
        }

        /// <summary>Ctrl-C or SIGTERM: kills QEMU now; the run then ends and reports <paramref name="exitCode"/>.</summary>
        public void Interrupt(int exitCode)
        {
            interruptedWith = exitCode;
            cancel.Cancel();
        }

        public int Execute()
        {
            var log = new ConsoleLog(error, options.LogLevel);
            var check = FirmwareCheck.Check(options.Firmware, log);
            if (check != ExitCodes.Ok)
            {
                return check;
            }
            if (options.LinkedDevice != null && !File.Exists(options.LinkedDevice))
            {
                log.Log(LogLevel.Error, $"no device firmware file '{options.LinkedDevice}'");
                return ExitCodes.Usage;
            }

            var oracle = options.Oracle ? new MemoryOracle(new OracleOptions { Sanitize = options.Sanitize, SampleInterval = options.SanitizeSample }) : null;
            var report = oracle == null ? null : new OracleReport(oracle, new GuestSymbolizer(options.Firmware, ElfSymbols.Load(options.Firmware)), error, log);
            var recording = new Recording(options, log);
            var session = recording.CreateSession(oracle);
            var qemuOptions = new QemuOptions
            {
                RunTimeout = options.Timeout,
                // QEMU's RAM must hold the managed window; 128 MiB is the engine's default.
                GuestRamMiB = (int)Math.Max(128, options.ManagedSizeMiB),
                GdbPort = options.GdbPort,
                LinkedDevice = options.LinkedDevice,
            };
            Action<string> uart = line =>
            {
                lock (output)
                {
                    output.WriteLine(line);
                }
            };
            IFirmwareEngine engine = options.Engine == "qemu-gdb"
                ? new QemuGdbEngine(qemuOptions, log, uart)
                : new QemuEngine(qemuOptions, log, uart);
            var exitCode = ExitCodes.HostFailure;
            try
            {
                exitCode = Run(engine, session, log, report, recording);
                return exitCode;
            }
            finally
            {
                // However the run ended (exit, panic, timeout, Ctrl-C, a host failure): the summary and --findings.
                report?.AtEnd(options, exitCode, interruptedWith != 0 ? "interrupted" : Ended(exitCode));
            }
        }

        private static string Ended(int exitCode)
        {
            switch (exitCode)
            {
                case ExitCodes.KernelPanic: return "kernel panic";
                case ExitCodes.Deadline: return "timeout";
                case ExitCodes.HostFailure: return "host failure";
                default: return "exit";
            }
        }

        private int Run(IFirmwareEngine engine, LiteOsGuestSession session, ILogSink log, OracleReport report, Recording recording)
        {
            string diagnostics = null;
            var recordingWritten = true;
            IReadOnlyList<InvariantViolation> violations = null;
            GuestRunResult result;
            try
            {
                result = engine.Run(options.Firmware, session, status =>
                {
                    // Guest RAM is still readable here: heap headers, redzones and the quarantine are checked now.
                    session.Oracle?.CheckAtExit();
                    if (options.Diagnostics)
                    {
                        diagnostics = Diagnostics.Format(session.Manager);
                    }
                    if (options.CheckInvariants)
                    {
                        violations = session.Manager.CheckInvariants();
                    }
                    recordingWritten = recording.Finish(Path.GetFileName(options.Firmware));
                }, cancel.Token);
            }
            catch (QemuException ex)
            {
                log.Log(LogLevel.Error, ex.Message);
                return ExitCodes.HostFailure;
            }
            output.Flush();
            if (interruptedWith != 0)
            {
                log.Log(LogLevel.Error, "interrupted; QEMU stopped");
                return interruptedWith;
            }

            // QEMU's own exit code keeps 8 bits of the status; hr_exit's stop saw all 32.
            var exitCode = result.Failure == null && result.GuestExitStatus.HasValue
                ? FirmwareStatus.ToExitCode(result.GuestExitStatus.Value, log)
                : result.ExitCode;
            if (recording.Recorder != null && recording.Recorder.IsRecording)
            {
                log.Log(LogLevel.Warning, "the firmware did not reach hr_exit: trace and report show the model where the run stopped");
                recordingWritten = recording.Finish(Path.GetFileName(options.Firmware));
            }
            if (!recordingWritten && exitCode == ExitCodes.Ok)
            {
                exitCode = ExitCodes.Usage;
            }
            if (options.Diagnostics)
            {
                if (diagnostics != null)
                {
                    output.Write(diagnostics);
                }
                else
                {
                    log.Log(LogLevel.Warning, "no diagnostics: the firmware did not reach hr_exit");
                }
            }
            if (options.CheckInvariants)
            {
                exitCode = ReportInvariants(log, violations, exitCode);
            }
            // A finding fails a run the firmware thought fine; the firmware's own failure says more.
            if (report != null && report.Oracle.Findings.Count > 0 && exitCode == ExitCodes.Ok)
            {
                exitCode = ExitCodes.Findings;
            }
            log.Log(LogLevel.Info, $"exit {exitCode}: {result.HookStops} hooked calls ({result.AbortStops} aborts), " +
                $"{result.TlbMaintenanceRuns} TLB maintenance operations, {result.Elapsed.TotalSeconds:0.00} s on {result.Engine}" +
                (result.Engine == "qemu" ? $" (host slept {result.HostSleeps} times, guest rang {result.Doorbells} doorbells)" : ""));
            output.Flush();
            return exitCode;
        }

        private static int ReportInvariants(ILogSink log, IReadOnlyList<InvariantViolation> violations, int exitCode)
        {
            if (violations == null)
            {
                log.Log(LogLevel.Warning, "invariants not checked: the firmware did not reach hr_exit");
                return exitCode;
            }
            foreach (var violation in violations)
            {
                log.Log(LogLevel.Error, "invariant violated: " + violation);
            }
            if (violations.Count == 0)
            {
                log.Log(LogLevel.Info, "invariants hold at exit");
                return exitCode;
            }
            // The firmware's own failure says more than the model's; otherwise the violations decide.
            return exitCode == ExitCodes.Ok ? ExitCodes.InvariantViolations : exitCode;
        }
    }
}
