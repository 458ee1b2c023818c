using System;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// LosArchMmu and the LOS_ArchMmu* operations of los_arch_mmu.c (docs/memory-manager.md §4.4–4.7): short-descriptor tables written
    /// into guest RAM at their real addresses, decided on a host shadow. L2 tables are 1 KiB, four to a 4 KiB page
    /// taken from the page allocator and kept on <see cref="PtList"/>.
    /// </summary>
    public sealed partial class ArchMmu
    {
        /// <summary>Zero-progress steps tolerated by map/unmap before they give up (docs/memory-manager.md §4.5–4.6).</summary>
        private const int RetryMax = 10;

        private const int L2PerL1 = MmuDescriptor.L2NumbersPerL1;

        private readonly MmuContext context;
        private readonly TranslationTableShadow table;

        internal ArchMmu(MmuContext context, TranslationTableShadow table, uint virtTtb, uint asid, bool isKernel)
        {
            this.context = context;
            this.table = table;
            VirtTtb = virtTtb;
            PhysTtb = table.PhysBase;
            Asid = asid;
            IsKernel = isKernel;
            PtList = new PageList(isKernel ? $"ptList(asid {asid})" : $"user ptList(asid {asid})");
        }

        /// <summary>virtTtb: kernel VA of the L1 table.</summary>
        public uint VirtTtb { get; }

        /// <summary>physTtb = virtTtb - KERNEL_ASPACE_BASE + SYS_MEM_BASE.</summary>
        public uint PhysTtb { get; }

        public uint Asid { get; }

        /// <summary>Pages holding this space's tables: the user L1 page and every L2 page it allocated.</summary>
        public PageList PtList { get; }

        /// <summary>True for the 16 KiB TTBR1 table (kernel and vmalloc spaces), false for a 4 KiB user table.</summary>
        public bool IsKernel { get; }

        public bool IsDestroyed { get; private set; }

        /// <summary>4096 for the kernel table, 1024 for a user table (TTBCR.N = 2: VA 0..1 GiB).</summary>
        public int L1EntryCount => table.L1.Length;

        /// <summary>Host shadow of an L1 entry (what the model last wrote to the guest).</summary>
        public uint L1Entry(uint l1Index) => table.L1[l1Index];

        /// <summary>Host shadow of the L2 entry translating <paramref name="va"/>, or 0 when its L1 entry is not a page table.</summary>
        public uint L2Entry(uint va)
        {
            var l1Index = Pte1.OsGetPte1Index(va);
            if (l1Index >= table.L1.Length)
            {
                return 0;
            }
            var page = table.L2ByL1[l1Index];
            return page == null ? 0 : page[TranslationTableShadow.L2WordOffset(table.L1[l1Index]) + Pte2.OsGetPte2Index(va)];
        }

        /// <summary>LOS_ArchMmuMap: pages mapped, or a negative <see cref="VmStatus"/>.</summary>
        public int LOS_ArchMmuMap(uint va, uint pa, int count, RegionFlags flags)
        {
            // OsMapParamCheck: WITH_ARCH_MMU_PICK_SPOT is not set, so NS mappings are fatal.
            if ((flags & RegionFlags.NonSecure) != 0)
            {
                throw new KernelPanicException("NS mem is not supported");
            }
            if (!VmZone.IsPageAligned(va) || !VmZone.IsPageAligned(pa))
            {
                return (int)VmStatus.InvalidArgs;
            }

            var mapped = 0;
            var retry = RetryMax;
            while (count > 0)
            {
                int saved;
                if (VmZone.IsSectionAligned(va) && VmZone.IsSectionAligned(pa) && count >= L2PerL1)
                {
                    saved = OsMapSection(flags, ref va, ref pa, ref count);
                }
                else
                {
                    var l1Index = CheckedL1Index(va);
                    var l1 = new Pte1(table.L1[l1Index]);
                    if (l1.IsInvalid)
                    {
                        OsMapL1PTE(l1Index, flags);
                        saved = OsMapL2PageContinous(l1Index, flags, ref va, ref pa, ref count);
                    }
                    else if (l1.IsPageTable)
                    {
                        saved = OsMapL2PageContinous(l1Index, flags, ref va, ref pa, ref count);
                    }
                    else
                    {
                        throw new KernelPanicException($"LOS_ArchMmuMap, unimplemented tt_entry {l1.Value:x}");
                    }
                }
                if (saved == 0 && --retry == 0)
                {
                    return (int)VmStatus.TimedOut;
                }
                mapped += saved;
            }
            if (context.Events.Enabled) // events
            {
                context.Events.Publish(Core.Events.MemoryEventKind.Map, va - ((uint)mapped << VmZone.PageShift), (uint)mapped, Asid);
            }
            return mapped;
        }

        /// <summary>
        /// LOS_ArchMmuUnmap: the number of pages COVERED (docs/memory-manager.md §4.6 quirk: invalid 1 MiB slots count as unmapped),
        /// or <see cref="VmStatus.Fault"/> after ten steps without progress.
        /// </summary>
        public int LOS_ArchMmuUnmap(uint va, int count)
        {
            var start = va; // events
            var unmapped = 0;
            var retry = RetryMax;
            while (count > 0)
            {
                var l1Index = CheckedL1Index(va);
                var l1 = new Pte1(table.L1[l1Index]);
                int n;
                if (l1.IsInvalid)
                {
                    // OsUnmapL1Invalid: skip to the next 1 MiB boundary.
                    n = (int)Math.Min((MmuDescriptor.L1SmallSize - (va % MmuDescriptor.L1SmallSize)) >> MmuDescriptor.L2SmallShift, (uint)count);
                    va += (uint)n << MmuDescriptor.L2SmallShift;
                    count -= n;
                }
                else if (l1.IsSection)
                {
                    if (!VmZone.IsSectionAligned(va) || count < L2PerL1)
                    {
                        // Partial section unmap is not supported by the kernel.
                        throw new KernelPanicException("LOS_ArchMmuUnmap, unimplemented");
                    }
                    SaveL1(l1Index, 0);
                    context.Tlb.InvalidatePage(va, Asid);
                    va += MmuDescriptor.L1SmallSize;
                    count -= L2PerL1;
                    n = L2PerL1;
                }
                else if (l1.IsPageTable)
                {
                    n = OsUnmapL2PTE(l1Index, va, count);
                    count -= n;
                    OsTryUnmapL1PTE(l1Index, Pte2.OsGetPte2Index(va) + n, L2PerL1 - n);
                    va += (uint)n << MmuDescriptor.L2SmallShift;
                }
                else
                {
                    throw new KernelPanicException("LOS_ArchMmuUnmap, unimplemented");
                }
                if (n == 0 && --retry == 0)
                {
                    return (int)VmStatus.Fault;
                }
                unmapped += n;
            }
            // OsArmInvalidateTlbBarrier: BPIALL + DSB + ISB only, no TLB operation to report.
            if (context.Events.Enabled) // events
            {
                context.Events.Publish(Core.Events.MemoryEventKind.Unmap, start, (uint)unmapped, Asid);
            }
            return unmapped;
        }

        /// <summary>
        /// LOS_ArchMmuQuery. Quirk (docs/memory-manager.md §4.7): an L1 entry of type 3 returns NoError without touching the outputs;
        /// here the PA and flags are then 0.
        /// </summary>
        public MmuQueryResult LOS_ArchMmuQuery(uint va)
        {
            var l1Index = Pte1.OsGetPte1Index(va);
            if (l1Index >= table.L1.Length)
            {
                return MmuQueryResult.NotFound;
            }
            var l1 = new Pte1(table.L1[l1Index]);
            if (l1.IsInvalid)
            {
                return MmuQueryResult.NotFound;
            }
            if (l1.IsSection)
            {
                return new MmuQueryResult(VmStatus.NoError, l1.SectionBase + (va & (MmuDescriptor.L1SmallSize - 1)),
                    MmuFlagConversion.OsCvtSecAttsToFlags(l1.Value));
            }
            if (l1.IsPageTable)
            {
                var l2 = new Pte2(L2Entry(va));
                if (l2.IsSmallPage)
                {
                    return new MmuQueryResult(VmStatus.NoError, l2.PageBase + (va & (MmuDescriptor.L2SmallSize - 1)),
                        MmuFlagConversion.OsCvtPte2AttsToFlags(l1.Value, l2.Value));
                }
                if (l2.IsLargePage)
                {
                    throw new KernelPanicException("LOS_ArchMmuQuery, large page unimplemented");
                }
                return MmuQueryResult.NotFound;
            }
            return new MmuQueryResult(VmStatus.NoError, 0, RegionFlags.None);
        }

        /// <summary>
        /// LOS_ArchMmuChangeProt: each mapped page is unmapped and mapped again with the new flags. True for the
        /// kernel's LOS_OK, false for LOS_NOK.
        /// </summary>
        public bool LOS_ArchMmuChangeProt(uint va, int count, RegionFlags flags)
        {
            var start = va; // events
            var total = count;
            if (va == 0 || count <= 0)
            {
                context.Log.Log(LogLevel.Error, $"invalid args: archMmu asid {Asid}, vaddr 0x{va:x}, count {count}");
                return false;
            }
            while (count > 0)
            {
                count--;
                var query = LOS_ArchMmuQuery(va);
                if (!query.IsMapped)
                {
                    va += MmuDescriptor.L2SmallSize;
                    continue;
                }
                if (LOS_ArchMmuUnmap(va, 1) < 0 || LOS_ArchMmuMap(va, query.Pa, 1, flags) < 0)
                {
                    context.Log.Log(LogLevel.Error, $"invalid args:aspace asid {Asid}, vaddr 0x{va:x}, count {count}");
                    return false;
                }
                va += MmuDescriptor.L2SmallSize;
            }
            if (context.Events.Enabled) // events
            {
                context.Events.Publish(Core.Events.MemoryEventKind.Protect, start, (uint)total, Asid);
            }
            return true;
        }

        /// <summary>
        /// LOS_ArchMmuMove: mapped old pages move to the new VA; physical pages and refcounts are untouched. True for
        /// the kernel's LOS_OK, false for LOS_NOK.
        /// </summary>
        public bool LOS_ArchMmuMove(uint oldVa, uint newVa, int count, RegionFlags flags)
        {
            if (oldVa == 0 || newVa == 0 || count <= 0)
            {
                context.Log.Log(LogLevel.Error, $"invalid args: archMmu asid {Asid}, oldVaddr 0x{oldVa:x}, newVddr 0x{newVa:x}, count {count}");
                return false;
            }
            while (count > 0)
            {
                count--;
                var query = LOS_ArchMmuQuery(oldVa);
                if (query.IsMapped)
                {
                    if (LOS_ArchMmuUnmap(oldVa, 1) < 0 || LOS_ArchMmuMap(newVa, query.Pa, 1, flags) < 0)
                    {
                        context.Log.Log(LogLevel.Error, $"invalid args: archMmu asid {Asid}, vaddr 0x{oldVa:x}, count {count}");
                        return false;
                    }
                }
                oldVa += MmuDescriptor.L2SmallSize;
                newVa += MmuDescriptor.L2SmallSize;
            }
            return true;
        }

        /// <summary>
        /// LOS_ArchMmuDestroy: every ptList page (user L1 and all L2 pages) back to the allocator, TLBIASID, ASID freed.
        /// </summary>
        public void LOS_ArchMmuDestroy()
        {
            if (IsDestroyed)
            {
                return;
            }
            LosVmPage? page;
            while ((page = PtList.RemoveFirst()) != null)
            {
                table.RemoveL2Page(page.PhysAddr, recycle: !IsKernel);
                context.Phys.LOS_PhysPageFree(page);
            }
            context.Tlb.InvalidateAsid(Asid);
            context.Asids.OsFreeAsid(Asid);
            if (!IsKernel)
            {
                table.Clear();
            }
            IsDestroyed = true;
        }

        /// <summary>
        /// A raw L1 write, as the startup assembly's page_table_build does (docs/memory-manager.md §4.9 step 1); no checks, no TLB work.
        /// </summary>
        public void WriteRawL1(uint l1Index, uint value) => SaveL1(l1Index, value);

        internal void ClearWholeTable()
        {
            table.Clear();
            context.Ram.Fill(PhysTtb, table.L1.Length * 4, 0);
        }

        private int OsMapSection(RegionFlags flags, ref uint va, ref uint pa, ref int count)
        {
            // OsMapSection overwrites the entry unconditionally: an L2 table it replaces stays on ptList (leaked).
            var l1Index = CheckedL1Index(va);
            SaveL1(l1Index, (pa & MmuDescriptor.L1SectionFrame) | MmuFlagConversion.OsCvtSecFlagsToAttrs(flags) | MmuDescriptor.L1TypeSection);
            va += MmuDescriptor.L1SmallSize;
            pa += MmuDescriptor.L1SmallSize;
            count -= L2PerL1;
            return L2PerL1;
        }

        /// <summary>OsMapL1PTE: point the L1 entry at its L2 table; the domain field is forced to client.</summary>
        private void OsMapL1PTE(uint l1Index, RegionFlags flags)
        {
            if (OsGetL2Table(l1Index, out var l2Pa) != VmStatus.NoError)
            {
                throw new KernelPanicException("OsMapL1PTE, failed to allocate pagetable");
            }
            var entry = l2Pa | MmuDescriptor.L1TypePageTable;
            if ((flags & RegionFlags.NonSecure) != 0)
            {
                entry |= MmuDescriptor.L1PageTableNonSecure;
            }
            entry &= MmuDescriptor.L1SmallDomainMask;
            entry |= MmuDescriptor.L1SmallDomainClient;
            SaveL1(l1Index, entry);
        }

        /// <summary>
        /// OsGetL2Table (docs/memory-manager.md §4.4): the L2 table of l1Index lives at 1 KiB * (l1Index &amp; 3) inside the page shared by
        /// the 4-entry group; the page is found through any sibling that is a page table, else allocated, head-inserted
        /// on ptList and zeroed.
        /// </summary>
        private VmStatus OsGetL2Table(uint l1Index, out uint l2Pa)
        {
            var l2Offset = MmuDescriptor.L2TableSize * (l1Index & (MmuDescriptor.L1SmallL2TablesPerPage - 1));
            var group = l1Index & ~(uint)(MmuDescriptor.L1SmallL2TablesPerPage - 1);
            for (var i = 0u; i < MmuDescriptor.L1SmallL2TablesPerPage; i++)
            {
                var sibling = new Pte1(table.L1[group + i]);
                if (sibling.IsPageTable)
                {
                    l2Pa = VmZone.RoundDown(sibling.PageTableBase, MmuDescriptor.L2SmallSize) + l2Offset;
                    return VmStatus.NoError;
                }
            }
            var page = context.Phys.LOS_PhysPageAlloc();
            if (page == null)
            {
                context.Log.Log(LogLevel.Error, "have no memory to save l2 page");
                l2Pa = 0;
                return VmStatus.NoMemory;
            }
            PtList.AddHead(page);
            context.Ram.Fill(page.PhysAddr, (int)MmuDescriptor.L2SmallSize, 0);
            table.AddZeroedL2Page(page.PhysAddr);
            l2Pa = page.PhysAddr + l2Offset;
            return VmStatus.NoError;
        }

        /// <summary>OsMapL2PageContinous / OsSavePte2Continuous: fill up to the end of this 1 MiB, one guest write.</summary>
        private int OsMapL2PageContinous(uint l1Index, RegionFlags flags, ref uint va, ref uint pa, ref int count)
        {
            var l1Entry = table.L1[l1Index];
            var page = table.L2Under(l1Index);
            var offset = TranslationTableShadow.L2WordOffset(l1Entry);
            var attrs = MmuFlagConversion.OsCvtPte2FlagsToAttrs(flags);
            var index = Pte2.OsGetPte2Index(va);
            var n = Math.Min(L2PerL1 - index, count);
            var guestAddress = (l1Entry & MmuDescriptor.L1PageTableFrame) + (uint)index * 4;
            if (n == 1)
            {
                var entry = pa | attrs;
                page[offset + index] = entry;
                context.Ram.Write(guestAddress, entry);
            }
            else
            {
                var entryPa = pa;
                for (var i = 0; i < n; i++)
                {
                    page[offset + index + i] = entryPa | attrs;
                    entryPa += MmuDescriptor.L2SmallSize;
                }
                // The shadow holds the run as the guest must see it: one copy (one port call when RAM is not mapped).
                context.Ram.WriteWords(guestAddress, page, offset + index, n);
            }
            va += (uint)n << MmuDescriptor.L2SmallShift;
            pa += (uint)n << MmuDescriptor.L2SmallShift;
            count -= n;
            return n;
        }

        /// <summary>OsUnmapL2PTE: clear the run up to the end of this 1 MiB; TLB invalidate every page of it.</summary>
        private int OsUnmapL2PTE(uint l1Index, uint va, int count)
        {
            var l1Entry = table.L1[l1Index];
            var page = table.L2ByL1[l1Index];
            var offset = TranslationTableShadow.L2WordOffset(l1Entry);
            var index = Pte2.OsGetPte2Index(va);
            var n = Math.Min(L2PerL1 - index, count);
            Array.Clear(page, offset + index, n);
            context.Ram.Fill((l1Entry & MmuDescriptor.L1PageTableFrame) + (uint)index * 4, 4 * n, 0);
            var pageVa = va & MmuDescriptor.L2SmallFrame;
            for (var i = 0; i < n; i++)
            {
                context.Tlb.InvalidatePage(pageVa, Asid);
                pageVa += MmuDescriptor.L2SmallSize;
            }
            return n;
        }

        /// <summary>
        /// OsTryUnmapL1PTE: scan the entries not just cleared (cyclically from scanIndex); when all are zero, clear the
        /// L1 entry, invalidate its 1 MiB base and try to release the L2 page.
        /// </summary>
        private void OsTryUnmapL1PTE(uint l1Index, int scanIndex, int scanCount)
        {
            var l1Entry = table.L1[l1Index];
            var page = table.L2Under(l1Index);
            var offset = TranslationTableShadow.L2WordOffset(l1Entry);
            while (scanCount > 0)
            {
                if (scanIndex == L2PerL1)
                {
                    scanIndex = 0;
                }
                if (page[offset + scanIndex++] != 0)
                {
                    break;
                }
                scanCount--;
            }
            if (scanCount != 0)
            {
                return;
            }
            SaveL1(l1Index, 0);
            context.Tlb.InvalidatePage(l1Index << MmuDescriptor.L1SmallShift, Asid);
            OsPutL2Table(l1Index, l1Entry & MmuDescriptor.L1PageTableFrame);
        }

        /// <summary>OsPutL2Table: free the page once none of the 4 sibling L1 entries is a page table.</summary>
        private void OsPutL2Table(uint l1Index, uint l2Pa)
        {
            var group = l1Index & ~(uint)(MmuDescriptor.L1SmallL2TablesPerPage - 1);
            for (var i = 0u; i < MmuDescriptor.L1SmallL2TablesPerPage; i++)
            {
                if (new Pte1(table.L1[group + i]).IsPageTable)
                {
                    return;
                }
            }
            var page = context.Phys.LOS_VmPageGet(l2Pa);
            if (page == null)
            {
                throw new KernelPanicException($"bad page table paddr 0x{l2Pa:x}");
            }
            page.List?.Remove(page);
            table.RemoveL2Page(page.PhysAddr);
            context.Phys.LOS_PhysPageFree(page);
        }

        /// <summary>OsSavePte1 / OsClearPte1.</summary>
        private void SaveL1(uint l1Index, uint value)
        {
            table.SetL1(l1Index, value);
            context.Ram.Write(PhysTtb + l1Index * 4, value);
        }

        private uint CheckedL1Index(uint va)
        {
            var l1Index = Pte1.OsGetPte1Index(va);
            if (l1Index >= table.L1.Length)
            {
                // The kernel would write past the 4 KiB user table; the model refuses (VM never asks for it).
                throw new ArgumentOutOfRangeException(nameof(va),
                    $"VA 0x{va:X8} is outside the {table.L1.Length}-entry L1 table of asid {Asid} (TTBCR.N = 2)");
            }
            return l1Index;
        }
    }
}
