namespace HarmonyRenode.Core.Events
{
    /// <summary>What a <see cref="MemoryEvent"/> reports. The meaning of its Address/Size/Value fields is given per kind.</summary>
    public enum MemoryEventKind : byte
    {
        /// <summary>A hooked guest call begins. Name: the symbol; Site: LR of the call.</summary>
        HookEnter,

        /// <summary>The hooked call ends. Name: the symbol; Value: the r0 result (0 when the function is void).</summary>
        HookExit,

        /// <summary>An allocation. Address: the pointer (0 on failure); Size: bytes asked; Name: the allocator
        /// (LOS_MemAlloc, LOS_KernelMalloc, LOS_VMalloc, LOS_PhysPageAlloc...).</summary>
        Alloc,

        /// <summary>A free. Address: the pointer; Value: the status returned (0 = ok); Name: the allocator.</summary>
        Free,

        /// <summary>A reallocation. Address: the new pointer; Size: new bytes; Value: the old pointer.</summary>
        Realloc,

        /// <summary>OsVmPhysPagesSpiltUnsafe: the upper half of a block goes back. Address: its PA; Size: its pages; Value: its order.</summary>
        PageSplit,

        /// <summary>OsVmPhysPagesFree merged with a buddy. Address: the merged block's PA; Size: its pages; Value: the new order.</summary>
        PageMerge,

        /// <summary>A region was created. Address: base VA; Size: bytes; Value: the space's ASID.</summary>
        RegionCreate,

        /// <summary>A region was freed. Address: base VA; Size: bytes; Value: the space's ASID.</summary>
        RegionFree,

        /// <summary>LOS_ArchMmuMap. Address: VA; Size: pages mapped; Value: ASID.</summary>
        Map,

        /// <summary>LOS_ArchMmuUnmap. Address: VA; Size: pages unmapped; Value: ASID.</summary>
        Unmap,

        /// <summary>LOS_ArchMmuChangeProt. Address: VA; Size: pages; Value: ASID.</summary>
        Protect,

        /// <summary>A data or prefetch abort. Address: FAR; Size: FSR; Value: the <see cref="Faults.FaultAction"/>;
        /// Name: the kind ("data translation", "prefetch permission", ...).</summary>
        Fault,

        /// <summary>The heap grew by an expansion region. Size: bytes added; Value: the pool's size after.</summary>
        HeapExpand,

        /// <summary>The heap gave an expansion region back. Size: bytes removed; Value: the pool's size after.</summary>
        HeapShrink,

        /// <summary>A user space was created. Address: its handle; Value: its ASID.</summary>
        SpaceCreate,

        /// <summary>The current user space changed. Address: its handle (0: none); Value: its ASID.</summary>
        SpaceSwitch,

        /// <summary>A space was freed. Address: its handle; Value: its ASID.</summary>
        SpaceFree,

        /// <summary>
        /// Extension point for checkers (a findings oracle): Name is the finding's kind, Address where it is, Text what
        /// it says. Writers show it as an instant event and in the report's findings section.
        /// </summary>
        Finding,
    }
}
