namespace HarmonyRenode.Core.Pages
{
    /// <summary>A physical segment with its buddy free lists (los_vm_phys.h, docs/memory-manager.md §1.2).</summary>
    public sealed class VmPhysSeg
    {
        /// <summary>VM_LIST_ORDER_MAX: orders 0..8, blocks of 1..256 pages.</summary>
        public const int ListOrderMax = 9;

        public VmPhysSeg(byte id, uint start, uint size, int pageBase)
        {
            Id = id;
            Start = start;
            Size = size;
            PageBase = pageBase;
            FreeList = new PageList[ListOrderMax];
            for (var order = 0; order < ListOrderMax; order++)
            {
                FreeList[order] = new PageList($"seg {id} freeList[{order}]");
            }
        }

        public byte Id { get; }

        public uint Start { get; }

        public uint Size { get; }

        public uint End => Start + Size;

        /// <summary>Index of the segment's first page in the page array.</summary>
        public int PageBase { get; }

        public int PageCount => (int)(Size >> VmZone.PageShift);

        public PageList[] FreeList { get; }

        public bool Contains(uint pa) => pa >= Start && pa - Start < Size;

        /// <summary>Σ listCnt[o] &lt;&lt; o, as pmm prints it.</summary>
        public int FreePages
        {
            get
            {
                var free = 0;
                for (var order = 0; order < ListOrderMax; order++)
                {
                    free += FreeList[order].Count << order;
                }
                return free;
            }
        }
    }
}
