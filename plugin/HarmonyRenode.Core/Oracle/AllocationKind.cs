namespace HarmonyRenode.Core.Oracle
{
    /// <summary>Which allocator a block came from: decides which free functions may release it.</summary>
    public enum AllocationKind
    {
        /// <summary>A TLSF node of the system pool (LOS_MemAlloc*, LOS_MemRealloc, a small LOS_KernelMalloc).</summary>
        Heap,

        /// <summary>Pages of a large LOS_KernelMalloc (16 KiB and more): LOS_KernelFree only.</summary>
        PageBlock,

        /// <summary>A LOS_VMalloc area: LOS_VFree only.</summary>
        Vmalloc,

        /// <summary>One LosVmPage from LOS_PhysPageAlloc: LOS_PhysPageFree only.</summary>
        Page,

        /// <summary>LOS_PhysPagesAllocContiguous: LOS_PhysPagesFreeContiguous only.</summary>
        ContiguousPages,
    }
}
