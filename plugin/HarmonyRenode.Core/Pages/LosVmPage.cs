namespace HarmonyRenode.Core.Pages
{
    /// <summary>
    /// One managed physical page (los_vm_page.h, docs/memory-manager.md §1.1). The host keeps these descriptors; the guest never
    /// sees them, but the fields mean what they mean in the kernel, stale values included.
    /// </summary>
    public sealed class LosVmPage
    {
        /// <summary>VM_LIST_ORDER_MAX: "not the head of a free block".</summary>
        public const byte NoOrder = 9;

        // List links are positions in the page array, not references: storing an integer costs no GC write barrier,
        // and the buddy allocator links and unlinks pages on every call. -1 ends a list.
        internal int ListPrev = -1;
        internal int ListNext = -1;
        internal PageList? ListOwner;

        /// <summary>The array the link positions index (g_vmPageArray); null for a page made outside a page allocator.</summary>
        internal readonly LosVmPage[]? Array;

        public LosVmPage(uint physAddr, byte segId, int index)
        {
            PhysAddr = physAddr;
            SegId = segId;
            Index = index;
            Order = NoOrder;
        }

        internal LosVmPage(uint physAddr, byte segId, int index, LosVmPage[]? array)
            : this(physAddr, segId, index)
        {
            Array = array;
        }

        public uint PhysAddr { get; }

        public byte SegId { get; }

        /// <summary>Position in the page array (g_vmPageArray index).</summary>
        public int Index { get; }

        public int RefCounts { get; set; }

        /// <summary>FILE_PAGE_* bit flags; 0 for every anonymous page.</summary>
        public uint Flags { get; set; }

        /// <summary>
        /// Order of the free block this page heads, or 9. Interior pages of merged blocks keep stale values
        /// (docs/memory-manager.md §1.5 quirk): only heads are reset when they leave a free list.
        /// </summary>
        public byte Order { get; internal set; }

        /// <summary>Pages requested, on the head of a contiguous allocation (UINT16: truncates above 65535).</summary>
        public ushort NPages { get; set; }

        /// <summary>The list the page's node is linked into (free list, caller's list, ptList), or null.</summary>
        public PageList? List => ListOwner;

        public override string ToString() => $"page 0x{PhysAddr:X8} ref {RefCounts} order {Order}";
    }
}
