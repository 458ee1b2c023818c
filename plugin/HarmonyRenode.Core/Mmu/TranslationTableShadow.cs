using System;
using System.Collections.Generic;

namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// The host copy of one L1 table and of the L2 pages its entries point at. The model never reads back guest words it
    /// wrote (adapters buffer writes), so every decision is taken on this copy. The kernel and vmalloc spaces share
    /// one L1 table (spec §3.2), hence one shadow shared by their two ArchMmu objects.
    /// </summary>
    internal sealed class TranslationTableShadow
    {
        private readonly Dictionary<uint, uint[]> l2Pages = new Dictionary<uint, uint[]>();

        public TranslationTableShadow(uint physBase, int entryCount)
        {
            PhysBase = physBase;
            L1 = new uint[entryCount];
            L2ByL1 = new uint[entryCount][];
        }

        public uint PhysBase { get; }

        /// <summary>The L1 words as last written.</summary>
        public uint[] L1 { get; }

        /// <summary>For each L1 index holding a page-table entry: the 1024-word shadow of the 4 KiB page its L2 table is in.</summary>
        public uint[][] L2ByL1 { get; }

        public int L2PageCount => l2Pages.Count;

        /// <summary>Word offset of the L2 table of <paramref name="l1Entry"/> inside its page.</summary>
        public static int L2WordOffset(uint l1Entry) => (int)((l1Entry & 0xC00) >> 2);

        /// <summary>A freshly zeroed L2 page (OsGetL2Table zeroes all 4 KiB).</summary>
        public void AddZeroedL2Page(uint pagePa)
        {
            l2Pages[pagePa] = new uint[MmuDescriptor.L2NumbersPerL1 * MmuDescriptor.L1SmallL2TablesPerPage];
        }

        public void RemoveL2Page(uint pagePa) => l2Pages.Remove(pagePa);

        public void SetL1(uint l1Index, uint value)
        {
            L1[l1Index] = value;
            if ((value & MmuDescriptor.L1TypeMask) == MmuDescriptor.L1TypePageTable)
            {
                var pagePa = value & ~0xFFFu;
                if (!l2Pages.TryGetValue(pagePa, out var page))
                {
                    // A page-table entry the model did not allocate (never happens through ArchMmu): track it as zeroed.
                    page = new uint[MmuDescriptor.L2NumbersPerL1 * MmuDescriptor.L1SmallL2TablesPerPage];
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
            l2Pages.Clear();
        }
    }
}
