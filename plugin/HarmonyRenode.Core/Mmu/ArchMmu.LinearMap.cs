using System.Collections.Generic;

namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// Single pages of the kernel's linear map made invalid and valid again, for the oracle's --sanitize (README,
    /// "Memory-safety oracle"). LiteOS-A has no such operation: its kernel window is the 1 MiB sections the boot
    /// tables wrote (docs/memory-manager.md §4.9), so one page can only be taken out after its section has been split
    /// into an L2 table of 256 small pages with the same translation and attributes (what Linux's
    /// set_direct_map_invalid_noflush relies on, and KFENCE's pool). The L2 table page comes from the page allocator
    /// and is kept on <see cref="PtList"/> like every other; when the last hole of a split MiB is filled again the
    /// section is written back and the table page freed, so the window ends as boot left it.
    /// </summary>
    public sealed partial class ArchMmu
    {
        /// <summary>L1 index → the section entry a split replaced.</summary>
        private readonly Dictionary<uint, uint> splitSections = new Dictionary<uint, uint>();

        /// <summary>Page VA → the L2 entry it had before it was made invalid.</summary>
        private readonly Dictionary<uint, uint> linearHoles = new Dictionary<uint, uint>();

        /// <summary>Pages of this table made invalid by <see cref="InvalidateLinearPage"/> and not yet restored.</summary>
        public IReadOnlyCollection<uint> LinearMapHoles => linearHoles.Keys;

        /// <summary>L1 indexes whose boot section is split into an L2 table now.</summary>
        public IReadOnlyCollection<uint> SplitSections => splitSections.Keys;

        public bool IsLinearMapHole(uint va) => linearHoles.ContainsKey(va & MmuDescriptor.L2SmallFrame);

        /// <summary>
        /// Makes the small page at <paramref name="va"/> translate to nothing, splitting its section first; the TLB
        /// entries of the section and the page are invalidated. False when the page is not mapped by this table, is
        /// already a hole, or no page was left for the L2 table (the page then stays mapped).
        /// </summary>
        public bool InvalidateLinearPage(uint va)
        {
            va &= MmuDescriptor.L2SmallFrame;
            if (linearHoles.ContainsKey(va))
            {
                return false;
            }
            var l1Index = CheckedL1Index(va);
            var l1 = new Pte1(table.L1[l1Index]);
            if (l1.IsSection && !SplitSection(l1Index))
            {
                return false;
            }
            l1 = new Pte1(table.L1[l1Index]);
            if (!l1.IsPageTable)
            {
                return false;
            }
            var old = L2Entry(va);
            if (!new Pte2(old).IsSmallPage)
            {
                return false;
            }
            WriteL2(l1Index, va, 0);
            linearHoles[va] = old;
            context.Tlb.InvalidatePage(va, Asid);
            return true;
        }

        /// <summary>
        /// Gives a hole its translation back; a split section whose last hole this was becomes a section again and its
        /// L2 table page goes back to the allocator when no sibling entry shares it (OsPutL2Table's rule).
        /// </summary>
        public void RestoreLinearPage(uint va)
        {
            va &= MmuDescriptor.L2SmallFrame;
            if (!linearHoles.TryGetValue(va, out var old))
            {
                return;
            }
            linearHoles.Remove(va);
            var l1Index = Pte1.OsGetPte1Index(va);
            if (!new Pte1(table.L1[l1Index]).IsPageTable)
            {
                return;
            }
            WriteL2(l1Index, va, old);
            TryMergeSection(l1Index);
        }

        private bool SplitSection(uint l1Index)
        {
            var section = table.L1[l1Index];
            if (OsGetL2Table(l1Index, out var l2Pa) != VmStatus.NoError)
            {
                return false;
            }
            var attrs = SplitPageAttrs(section);
            var entries = new uint[L2PerL1];
            var pa = section & MmuDescriptor.L1SectionFrame;
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i] = (pa + ((uint)i << MmuDescriptor.L2SmallShift)) | attrs;
            }
            context.Ram.WriteWords(l2Pa, entries, 0, entries.Length);
            SaveL1(l1Index, (l2Pa | MmuDescriptor.L1TypePageTable) & MmuDescriptor.L1SmallDomainMask | MmuDescriptor.L1SmallDomainClient);
            var page = table.L2ByL1[l1Index];
            System.Array.Copy(entries, 0, page, TranslationTableShadow.L2WordOffset(table.L1[l1Index]), entries.Length);
            splitSections[l1Index] = section;
            // The whole 1 MiB TLB entry of the section goes: any address in it invalidates it.
            context.Tlb.InvalidatePage(l1Index << MmuDescriptor.L1SmallShift, Asid);
            return true;
        }

        private void TryMergeSection(uint l1Index)
        {
            if (!splitSections.TryGetValue(l1Index, out var section))
            {
                return;
            }
            var attrs = SplitPageAttrs(section);
            var l1Entry = table.L1[l1Index];
            var page = table.L2Under(l1Index);
            var offset = TranslationTableShadow.L2WordOffset(l1Entry);
            var pa = section & MmuDescriptor.L1SectionFrame;
            for (var i = 0; i < L2PerL1; i++)
            {
                if (page[offset + i] != ((pa + ((uint)i << MmuDescriptor.L2SmallShift)) | attrs))
                {
                    return; // a hole is left, or someone mapped something else here: stay split
                }
            }
            splitSections.Remove(l1Index);
            SaveL1(l1Index, section);
            context.Tlb.InvalidatePage(l1Index << MmuDescriptor.L1SmallShift, Asid);
            // A sibling may keep the page: its slot goes back to zero, as a freshly taken table starts.
            System.Array.Clear(page, offset, L2PerL1);
            context.Ram.Fill(l1Entry & MmuDescriptor.L1PageTableFrame, 4 * L2PerL1, 0);
            OsPutL2Table(l1Index, l1Entry & MmuDescriptor.L1PageTableFrame);
        }

        /// <summary>The small-page attributes LOS_ArchMmuMap would write for the flags the section's attributes mean.</summary>
        private static uint SplitPageAttrs(uint section) => MmuFlagConversion.OsCvtPte2FlagsToAttrs(MmuFlagConversion.OsCvtSecAttsToFlags(section));

        private void WriteL2(uint l1Index, uint va, uint value)
        {
            var l1Entry = table.L1[l1Index];
            var index = Pte2.OsGetPte2Index(va);
            table.L2Under(l1Index)[TranslationTableShadow.L2WordOffset(l1Entry) + index] = value;
            context.Ram.Write((l1Entry & MmuDescriptor.L1PageTableFrame) + (uint)index * 4, value);
        }
    }
}
