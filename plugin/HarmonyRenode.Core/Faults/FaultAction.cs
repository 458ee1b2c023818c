namespace HarmonyRenode.Core.Faults
{
    /// <summary>What the adapter does with the faulting context.</summary>
    public enum FaultAction
    {
        /// <summary>Handled (return 0 via _osExcPageFaultReturn): re-execute the faulting instruction.</summary>
        Resume,

        /// <summary>FS not handled by the page-fault path: the page's TLB entry was invalidated, retry (docs/memory-manager.md §5.1 quirk).</summary>
        RetryAfterTlbInvalidate,

        /// <summary>Unhandled fault in user mode: the process exits with SIGUSR2; the system continues.</summary>
        KillUserProcess,

        /// <summary>Unhandled fault in kernel mode: the exception dump is printed and the system halts.</summary>
        KernelHalt,
    }
}
