using System.Collections.Generic;
using HarmonyRenode.Qemu;

namespace HarmonyRenode.Cli
{
    /// <summary>
    /// What `harmony-renode run` exits with (README, "Firmware on QEMU"). Anything the firmware passes to hr_exit
    /// comes through unchanged; the codes below are the host's own and match the guest runtime's where both exist.
    /// </summary>
    public static class ExitCodes
    {
        public const int Ok = 0;

        /// <summary>Bad command line (unknown option, missing firmware file, not an ARM ELF).</summary>
        public const int Usage = 2;

        /// <summary>Configuration block or another guest ABI symbol missing (guest: HR_EXIT_NO_HOST).</summary>
        public const int MissingConfiguration = QemuEngine.MissingConfigurationExitCode;

        /// <summary>An unreplaced LOS_* body ran in the guest and trapped (guest: HR_EXIT_UNHOOKED).</summary>
        public const int Unhooked = QemuEngine.UnhookedExitCode;

        /// <summary>LOS_Panic in the model, or a kernel-mode fault the guest could not survive.</summary>
        public const int KernelPanic = QemuEngine.KernelPanicExitCode;

        /// <summary>--check-invariants found violations at exit (and the firmware itself exited 0).</summary>
        public const int InvariantViolations = 6;

        /// <summary>The memory-safety oracle found a bug (double free, overflow...) and the firmware itself exited 0.</summary>
        public const int Findings = 7;

        /// <summary>
        /// The firmware's status does not fit 0..255 or equals one of the host-only codes; a warning line gives the
        /// status (<see cref="FirmwareStatus"/>).
        /// </summary>
        public const int StatusNotRepresentable = 8;

        /// <summary>The firmware did not exit before --timeout (as timeout(1) reports it).</summary>
        public const int Deadline = QemuEngine.TimeoutExitCode;

        /// <summary>The host failed: QEMU missing or crashed, GDB stub errors, a host handler threw.</summary>
        public const int HostFailure = QemuEngine.HostFailureExitCode;

        /// <summary>Interrupted by Ctrl-C (128 + SIGINT, as shells report it); QEMU is killed first.</summary>
        public const int Interrupted = 130;

        /// <summary>Stopped by SIGTERM (128 + 15); QEMU is killed first.</summary>
        public const int Terminated = 143;

        /// <summary>Every code above but <see cref="Ok"/>, as `--help` lists them (the README's table says more).</summary>
        public static readonly IReadOnlyList<KeyValuePair<int, string>> Documented = new[]
        {
            Pair(Usage, "bad command line; firmware file missing, not an ARM ELF or malformed; --trace/--report file cannot be written"),
            Pair(MissingConfiguration, "the configuration block or another ABI symbol is missing, or the ELF is stripped"),
            Pair(Unhooked, "an unreplaced LOS_* body ran in the guest"),
            Pair(KernelPanic, "kernel panic: LOS_Panic in the model, or a kernel-mode fault the guest could not survive"),
            Pair(InvariantViolations, "--check-invariants found violations (firmware exited 0)"),
            Pair(Findings, "the memory-safety oracle found a bug (firmware exited 0)"),
            Pair(StatusNotRepresentable, "the firmware's status does not fit 0..255 or is one of these codes"),
            Pair(Deadline, "the firmware did not exit before --timeout"),
            Pair(HostFailure, "host failure: QEMU missing or crashed, protocol error, a host handler threw"),
            Pair(Interrupted, "interrupted by Ctrl-C"),
            Pair(Terminated, "stopped by SIGTERM"),
        };

        private static KeyValuePair<int, string> Pair(int code, string meaning) => new KeyValuePair<int, string>(code, meaning);
    }
}
