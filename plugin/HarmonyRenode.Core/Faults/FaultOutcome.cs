using System.Collections.Generic;

namespace HarmonyRenode.Core.Faults
{
    /// <summary>
    /// The decision for one abort, with the status OsVmPageFaultHandler returned and the kernel's report lines. A struct:
    /// every serviced fault returns one, and the fault path allocates nothing.
    /// </summary>
    public readonly struct FaultOutcome
    {
        /// <summary>SIGUSR2 on the Linux/musl ARM ABI LiteOS-A uses.</summary>
        public const int SigUsr2 = 12;

        private static readonly string[] NoLines = new string[0];

        private FaultOutcome(FaultAction action, uint va, VmStatus status, int exitStatus, IReadOnlyList<string>? lines)
        {
            Action = action;
            Va = va;
            Status = status;
            ExitStatus = exitStatus;
            Lines = lines ?? NoLines;
        }

        public FaultAction Action { get; }

        /// <summary>The faulting address (FAR); for <see cref="FaultAction.RetryAfterTlbInvalidate"/> the page invalidated.</summary>
        public uint Va { get; }

        /// <summary>OsVmPageFaultHandler's status (NoError when handled or not consulted).</summary>
        public VmStatus Status { get; }

        /// <summary>
        /// For <see cref="FaultAction.KillUserProcess"/>: the wait status the process ends with, the signal number in the
        /// low 7 bits (OsProcessExitCodeSignalSet(SIGUSR2)), so WIFSIGNALED and WTERMSIG == 12.
        /// </summary>
        public int ExitStatus { get; }

        /// <summary>The exception report lines (header and FSR decode) for kill and halt.</summary>
        public IReadOnlyList<string> Lines { get; }

        public string Message => string.Join("\n", Lines);

        public static FaultOutcome Resume(uint far) => new FaultOutcome(FaultAction.Resume, far, VmStatus.NoError, 0, null);

        public static FaultOutcome RetryAfterTlbInvalidate(uint page) =>
            new FaultOutcome(FaultAction.RetryAfterTlbInvalidate, page, VmStatus.NoError, 0, null);

        public static FaultOutcome KillUserProcess(uint far, VmStatus status, IReadOnlyList<string> lines) =>
            new FaultOutcome(FaultAction.KillUserProcess, far, status, SigUsr2 & 0x7F, lines);

        public static FaultOutcome KernelHalt(uint far, VmStatus status, IReadOnlyList<string> lines) =>
            new FaultOutcome(FaultAction.KernelHalt, far, status, 0, lines);

        public override string ToString() => $"{Action} va 0x{Va:X8} status {Status}";
    }
}
