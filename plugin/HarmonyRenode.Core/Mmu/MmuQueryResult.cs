namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// What LOS_ArchMmuQuery reports: the kernel's status and, with NoError, what it writes to *paddr and *flags
    /// (both 0 for an L1 entry of type 3, which the kernel reports as found without writing them, docs/memory-manager.md §4.7).
    /// </summary>
    public readonly record struct MmuQueryResult(VmStatus Status, uint Pa, RegionFlags Flags)
    {
        public static readonly MmuQueryResult NotFound = new MmuQueryResult(VmStatus.NotFound, 0, RegionFlags.None);

        public bool IsMapped => Status == VmStatus.NoError;
    }
}
