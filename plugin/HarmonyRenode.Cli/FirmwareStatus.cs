using System.Linq;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Cli
{
    /// <summary>
    /// The firmware's hr_exit status as the CLI's exit code (README, "Exit code"). A process exit code is 8 bits, and
    /// some codes are the host's own: a status that does not fit, or that would read as one of the host's verdicts,
    /// becomes <see cref="ExitCodes.StatusNotRepresentable"/> with one line saying what the firmware returned.
    /// The runtime's own codes (1, 3, 4, 5) mean the same on both sides and pass through.
    /// </summary>
    public static class FirmwareStatus
    {
        /// <summary>Codes only the host gives: a firmware status equal to one of them would be misread.</summary>
        public static readonly int[] HostOnlyCodes =
        {
            ExitCodes.Usage, ExitCodes.InvariantViolations, ExitCodes.Findings, ExitCodes.StatusNotRepresentable, ExitCodes.Deadline,
            ExitCodes.HostFailure, ExitCodes.Interrupted, ExitCodes.Terminated,
        };

        public static int ToExitCode(int status, ILogSink log)
        {
            string why = null;
            if (status < 0 || status > 255)
            {
                why = "does not fit an exit code (0..255)";
            }
            else if (HostOnlyCodes.Contains(status))
            {
                why = $"is one of harmony-renode's own exit codes ({Meaning(status)})";
            }
            if (why == null)
            {
                return status;
            }
            log.Log(LogLevel.Warning, $"firmware exit status {status} (0x{status:x}) {why}; exiting with {ExitCodes.StatusNotRepresentable}");
            return ExitCodes.StatusNotRepresentable;
        }

        private static string Meaning(int code)
        {
            switch (code)
            {
                case ExitCodes.Usage: return "2: usage";
                case ExitCodes.InvariantViolations: return "6: invariant violations";
                case ExitCodes.Findings: return "7: memory-safety findings";
                case ExitCodes.StatusNotRepresentable: return "8: status not representable";
                case ExitCodes.Deadline: return "124: timeout";
                case ExitCodes.HostFailure: return "125: host failure";
                case ExitCodes.Interrupted: return "130: Ctrl-C";
                default: return "143: SIGTERM";
            }
        }
    }
}
