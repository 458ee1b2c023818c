using System;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Guest.Hypercalls;

namespace HarmonyRenode.Qemu
{
    /// <summary>How a run that ended by an exception is reported, the same on every QEMU engine (README, exit codes).</summary>
    internal static class EngineFailures
    {
        /// <summary>Fills the failure and exit code for the exceptions a run may end with; false for any other (a bug).</summary>
        public static bool Record(GuestRunResult result, Exception exception, QemuProcess qemu)
        {
            switch (exception)
            {
                case QemuException _:
                    var gone = qemu.ExitReason();
                    result.Failure = gone != null && !exception.Message.Contains(gone) ? $"{exception.Message} ({gone})" : exception.Message;
                    result.ExitCode = QemuEngine.HostFailureExitCode;
                    return true;
                case MissingSymbolException _:
                    result.Failure = exception.Message;
                    result.ExitCode = QemuEngine.MissingConfigurationExitCode;
                    return true;
                case KernelPanicException _:
                    // The kernel would halt with this message; the guest never gets control back.
                    result.Failure = "LOS_Panic in the model: " + exception.Message;
                    result.ExitCode = QemuEngine.KernelPanicExitCode;
                    return true;
                case GuestFaultException _:
                case GuestProtocolException _:
                    result.Failure = exception.Message;
                    result.ExitCode = QemuEngine.HostFailureExitCode;
                    return true;
                default:
                    return false;
            }
        }
    }
}
