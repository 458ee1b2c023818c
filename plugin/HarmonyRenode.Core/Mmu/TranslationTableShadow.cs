using System;
using System.Collections.Generic;

namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// The host copy of one L1 table and of the L2 pages its entries point at. The model never reads back guest words it
    /// wrote (adapters buffer writes), so every decision is taken on this copy. The kernel and vmalloc spaces share
    /// one L1 table (docs/memory-manager.md §3.2), hence one shadow shared by their two ArchMmu objects.
    /// </summary>
    internal sealed class TranslationTableShadow
    {
        private const int L2PageWords = MmuDescriptor.L2NumbersPerL1 * MmuDescriptor.L1SmallL2TablesPerPage;

        private readonly Dictionary<uint, uint[]> l2Pages = new Dictionary<uint, uint[]>();
        private readonly Stack<uint[]> spare;

        /// <param name="spare">Zeroed L2 page shadows shared by the tables of one model, so that mapping after
        /// unmapping (vmalloc, mmap, faults) reuses them instead of allocating 4 KiB each time.</param>
        public TranslationTableShadow(uint physBase, int entryCount, Stack<uint[]>? spare = null)
        {
            PhysBase = physBase;
            this.spare = spare ?? new Stack<uint[]>();
            L1 = new uint[entryCount];
            L2ByL1 = new uint[entryCount][];
        }

        public uint PhysBase { get; }

        /// <summary>The L1 words as last written.</summary>
        public uint[] L1 { get; }

        /// <summary>For each L1 index holding a page-table entry: the 1024-word shadow of the 4 KiB page its L2 table is in.</summary>
        public uint[]?[] L2ByL1 { get; }

        /// <summary>
        /// The L2 shadow under an L1 entry the caller has seen to be a page-table descriptor: the shadow follows every L1
        /// write (<see cref="L2ByL1"/>), so it is there; a missing one is the model's bug, not the guest's.
        /// </summary>
        public uint[] L2Under(uint l1Index) =>
            L2ByL1[l1Index] ?? throw new InvalidOperationException($"no L2 shadow under L1 entry {l1Index}");

        public int L2PageCount => l2Pages.Count;

        /// <summary>Word offset of the L2 table of <paramref name="l1Entry"/> inside its page.</summary>
        public static int L2WordOffset(uint l1Entry) => (int)((l1Entry & 0xC00) >> 2);

        /// <summary>A freshly zeroed L2 page (OsGetL2Table zeroes all 4 KiB).</summary>
        public void AddZeroedL2Page(uint pagePa)
        {
            if (l2Pages.TryGetValue(pagePa, out var old))
            {
                Recycle(old);
            }
            l2Pages[pagePa] = TakeZeroed();
        }

        /// <param name="recycle">False when L1 entries may still point at the page (a kernel table being destroyed).</param>
        public void RemoveL2Page(uint pagePa, bool recycle = true)
        {
            if (l2Pages.TryGetValue(pagePa, out var page))
            {
                l2Pages.Remove(pagePa);
                if (recycle)
                {
                    Recycle(page);
                }
            }
        }

        public void SetL1(uint l1Index, uint value)
        {
            L1[l1Index] = value;
            if ((value & MmuDescriptor.L1TypeMask) == MmuDescriptor.L1TypePageTable)
            {
                var pagePa = value & ~0xFFFu;
                if (!l2Pages.TryGetValue(pagePa, out var page))
                {
                    // A page-table entry the model did not allocate (never happens through ArchMmu): track it as zeroed.
                    page = TakeZeroed();
                    l2Pages[pagePa] = page;
                }
                L2ByL1[l1Index] = page;
            }
            else
            {
                L2ByL1[l1Index] = null;
            }
        }

        public void Clear()
        {
            Array.Clear(L1, 0, L1.Length);
            Array.Clear(L2ByL1, 0, L2ByL1.Length);
            foreach (var page in l2Pages.Values)
            {
                Recycle(page);
            }
            l2Pages.Clear();
        }

        private uint[] TakeZeroed() => spare.Count > 0 ? spare.Pop() : new uint[L2PageWords];

        /// <summary>
        /// A shadow no L1 entry points at any more (OsPutL2Table checked the four siblings; Destroy clears a user
        /// table right after): zeroed, since a later L2 page starts zeroed, and kept.
        /// </summary>
        private void Recycle(uint[] page)
        {
            Array.Clear(page, 0, page.Length);
            spare.Push(page);
        }
    }
}
