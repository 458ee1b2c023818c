using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using HarmonyRenode.Core.Events;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Pages
{
    /// <summary>
    /// The physical page allocator (los_vm_phys.c, docs/memory-manager.md §1.4–1.8): buddy free lists per segment, FIFO within an
    /// order, XOR-buddy merge on absolute addresses, over-allocation trimmed back at once.
    /// </summary>
    public sealed class VmPhys
    {
        private const int MaxOrder = VmPhysSeg.ListOrderMax - 1;

        private readonly MemoryConfig config;
        private readonly IGuestMemory memory;
        private readonly ILogSink log;

        /// <summary>Bit index of a single set bit by its De Bruijn product (0x077CB531), for <see cref="PhysToOrder"/>.</summary>
        private static readonly byte[] TrailingZeroTable =
        {
            0, 1, 28, 2, 29, 14, 24, 3, 30, 22, 20, 15, 25, 17, 4, 8, 31, 27, 13, 23, 21, 19, 16, 7, 26, 12, 18, 6, 11, 5, 10, 9,
        };

        private readonly LosVmPage[] pages;
        private readonly List<VmPhysSeg> segments = new List<VmPhysSeg>();

        /// <summary>The segments again as an array, for the hot paths (no list enumerator, one bounds check).</summary>
        private readonly VmPhysSeg[] segmentArray;

        /// <summary>
        /// One bit per page of the array: set while the page lies inside a block on a free list. The kernel has no
        /// such field (it cannot detect a double free); the model keeps it so its double-free refusal is one bit test
        /// instead of a search of every order's list, at the cost of (block pages / 64) word updates per list change.
        /// </summary>
        private readonly ulong[] freeBits;

        public VmPhys(MemoryConfig config, BootLayout layout, IGuestMemory memory, ILogSink log)
        {
            this.config = config;
            this.memory = memory;
            Ram = new GuestRam(memory, config.RamBase, config.ManagedSize);
            this.log = log;
            var segment = new VmPhysSeg(0, layout.ManagedStart, layout.ManagedSize, 0);
            segments.Add(segment);
            segmentArray = segments.ToArray();
            pages = new LosVmPage[segment.PageCount];
            freeBits = new ulong[(pages.Length + 63) / 64];
            for (var i = 0; i < pages.Length; i++)
            {
                pages[i] = new LosVmPage(segment.Start + ((uint)i << VmZone.PageShift), segment.Id, segment.PageBase + i, pages);
            }
            // OsVmPageStartup: the whole segment is released at once, which builds maximal aligned blocks.
            OsVmPhysPagesFreeContiguous(pages[segment.PageBase], segment.PageCount);
        }


        /// <summary>Guest RAM for the model's own loads and stores (pointer path when the engine maps RAM).</summary>
        public GuestRam Ram { get; }


        /// <summary>Trace events: buddy splits and merges (set by the manager; off unless a sink is attached).</summary>
        public MemoryEvents Events { get; set; } = new MemoryEvents();

        public IReadOnlyList<VmPhysSeg> Segments => segments;

        /// <summary>g_vmPageArray.</summary>
        public IReadOnlyList<LosVmPage> Pages => pages;

        public int TotalPageCount => pages.Length;

        /// <summary>g_vmPageArray[index] without the interface call of <see cref="Pages"/> (index must be in range).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public LosVmPage PageAt(int index) => pages[index];

        public int FreePageCount
        {
            get
            {
                var free = 0;
                foreach (var segment in segments)
                {
                    free += segment.FreePages;
                }
                return free;
            }
        }

        public int UsedPageCount => TotalPageCount - FreePageCount;

        /// <summary>OsVmPagesToOrder: the smallest order whose block holds <paramref name="nPages"/>.</summary>
        public static int OsVmPagesToOrder(int nPages)
        {
            var order = 0;
            while ((1L << order) < nPages)
            {
                order++;
            }
            return order;
        }

        /// <summary>VM_PHYS_TO_ORDER: natural alignment of the page frame, capped at 8 (frame 0 counts as 8).</summary>
        public static int PhysToOrder(uint pa)
        {
            // The frame's trailing zeros capped at 8: OR-ing bit 8 in caps it and covers frame 0, with no loop.
            var frame = (pa >> VmZone.PageShift) | 1u << MaxOrder;
            return TrailingZeroTable[((frame & (~frame + 1)) * 0x077CB531u) >> 27];
        }

        /// <summary>LOS_PhysPageAlloc: one page, refCounts 0, contents as they were.</summary>
        public LosVmPage? LOS_PhysPageAlloc() => OsVmPhysPagesGet(1);

        /// <summary>LOS_PhysPagesAlloc: n independent single pages tail-inserted into <paramref name="list"/>.</summary>
        public int LOS_PhysPagesAlloc(int nPages, PageList list)
        {
            if (list == null || nPages <= 0)
            {
                return 0;
            }
            var count = 0;
            while (count < nPages)
            {
                var page = OsVmPhysPagesGet(1);
                if (page == null)
                {
                    break;
                }
                list.AddTail(page);
                count++;
            }
            return count;
        }

        /// <summary>LOS_PhysPagesAllocContiguous: kernel VA of the block, or 0.</summary>
        public uint LOS_PhysPagesAllocContiguous(int nPages)
        {
            if (nPages <= 0)
            {
                return 0;
            }
            var page = OsVmPhysPagesGet(nPages);
            return page == null ? 0 : PageToKernelVa(page);
        }

        /// <summary>
        /// LOS_PhysPagesFreeContiguous once the caller has resolved the pointer to its head page. Like the kernel it
        /// trusts <paramref name="nPages"/>; unlike it, a block that is already free is refused instead of linked twice.
        /// </summary>
        public VmStatus LOS_PhysPagesFreeContiguous(LosVmPage? head, int nPages)
        {
            if (head == null)
            {
                return VmStatus.NotFound;
            }
            if (nPages <= 0 || head.Index + nPages > pages.Length)
            {
                log.Log(LogLevel.Error, $"LOS_PhysPagesFreeContiguous: bad page count {nPages} for page 0x{head.PhysAddr:X8}");
                return VmStatus.InvalidArgs;
            }
            for (var i = 0; i < nPages; i++)
            {
                if (IsFree(pages[head.Index + i]))
                {
                    log.Log(LogLevel.Error, $"LOS_PhysPagesFreeContiguous: page 0x{pages[head.Index + i].PhysAddr:X8} is already free (double free)");
                    return VmStatus.InvalidArgs;
                }
            }
            head.NPages = 0;
            OsVmPhysPagesFreeContiguous(head, nPages);
            return VmStatus.NoError;
        }

        /// <summary>LOS_PhysPageFree: drop one reference, free the page when none is left.</summary>
        public void LOS_PhysPageFree(LosVmPage? page)
        {
            if (page == null)
            {
                return;
            }
            if (IsFree(page))
            {
                log.Log(LogLevel.Error, $"LOS_PhysPageFree: page 0x{page.PhysAddr:X8} is already free (double free)");
                return;
            }
            if (--page.RefCounts <= 0)
            {
                // OsVmPhysPagesFreeContiguous(page, 1) frees one page at order 0 whatever its alignment.
                OsVmPhysPagesFree(page, 0);
                page.RefCounts = 0;
            }
        }

        /// <summary>LOS_PhysPagesFree: unlink and release every page; returns the pages visited, not the pages freed.</summary>
        public int LOS_PhysPagesFree(PageList list)
        {
            if (list == null)
            {
                return 0;
            }
            var count = 0;
            foreach (var page in list)
            {
                list.Remove(page);
                LOS_PhysPageFree(page);
                count++;
            }
            return count;
        }

        /// <summary>LOS_VmPageGet / OsVmPaddrToPage.</summary>
        public LosVmPage? LOS_VmPageGet(uint pa)
        {
            foreach (var segment in segmentArray)
            {
                var page = OsVmPhysToPage(pa, segment);
                if (page != null)
                {
                    return page;
                }
            }
            return null;
        }

        public uint PageToKernelVa(LosVmPage page) => config.PaToKernelVa(page.PhysAddr);

        public uint KernelVaToPa(uint kva) => config.KernelVaToPa(kva);

        public uint PaToKernelVa(uint pa) => config.PaToKernelVa(pa);

        public void ZeroPage(LosVmPage page) => Ram.Fill(page.PhysAddr, (int)VmZone.PageSize, 0);

        /// <summary>
        /// OsPhysSharePageCopy (docs/memory-manager.md §1.7): the last sharer keeps the old page; otherwise the content moves to the new
        /// page and one reference moves with it.
        /// </summary>
        public VmStatus OsPhysSharePageCopy(uint oldPa, ref uint newPa, LosVmPage newPage)
        {
            if (newPage == null)
            {
                log.Log(LogLevel.Error, "new Page invalid");
                return VmStatus.InvalidArgs;
            }
            var oldPage = LOS_VmPageGet(oldPa);
            if (oldPage == null)
            {
                log.Log(LogLevel.Error, $"invalid paddr 0x{oldPa:X8}");
                return VmStatus.InvalidArgs;
            }
            if (oldPage.RefCounts == 1)
            {
                newPa = oldPa;
                return VmStatus.NoError;
            }
            memory.Copy(newPa, oldPa, (int)VmZone.PageSize);
            newPage.RefCounts++;
            oldPage.RefCounts--;
            return VmStatus.NoError;
        }

        /// <summary>True when the page lies inside a block on a free list (the page invariants check this against the lists).</summary>
        public bool IsFree(LosVmPage page) => (freeBits[page.Index >> 6] & (1UL << (page.Index & 63))) != 0;

        /// <summary>OsVmPhysPagesGet: first segment that can satisfy the request; head gets refCounts 0 and nPages.</summary>
        private LosVmPage? OsVmPhysPagesGet(int nPages)
        {
            foreach (var segment in segmentArray)
            {
                var page = OsVmPhysPagesAlloc(segment, nPages);
                if (page != null)
                {
                    page.RefCounts = 0;
                    page.NPages = unchecked((ushort)nPages);
                    return page;
                }
            }
            return null;
        }

        private LosVmPage? OsVmPhysPagesAlloc(VmPhysSeg segment, int nPages)
        {
            var order = OsVmPagesToOrder(nPages);
            int newOrder;
            LosVmPage? page = null;
            if (order < VmPhysSeg.ListOrderMax)
            {
                for (newOrder = order; newOrder < VmPhysSeg.ListOrderMax; newOrder++)
                {
                    page = segment.FreeList[newOrder].First;
                    if (page != null)
                    {
                        break;
                    }
                }
                if (page == null)
                {
                    return null;
                }
            }
            else
            {
                newOrder = MaxOrder;
                page = OsVmPhysLargeAlloc(segment, nPages);
                if (page == null)
                {
                    return null;
                }
            }

            for (var i = page.Index; i < page.Index + nPages; i += 1 << newOrder)
            {
                OsVmPhysFreeListDelUnsafe(pages[i]);
            }
            // OsVmPhysPagesSpiltUnsafe: upper halves go back to the lower orders, largest first.
            for (var o = newOrder; o > order;)
            {
                o--;
                OsVmPhysFreeListAddUnsafe(pages[page.Index + (1 << o)], o);
                if (Events.Enabled) // events
                {
                    Events.Publish(MemoryEventKind.PageSplit, pages[page.Index + (1 << o)].PhysAddr, 1u << o, (uint)o);
                }
            }
            // OsVmRecycleExtraPages: the rounding slack of the block goes straight back.
            var blockPages = (int)VmZone.RoundUp((uint)nPages, 1u << Math.Min(order, newOrder));
            if (blockPages > nPages)
            {
                OsVmPhysPagesFreeContiguous(pages[page.Index + nPages], blockPages - nPages);
            }
            return page;
        }

        /// <summary>OsVmPhysLargeAlloc: a run of free order-8 heads long enough for more than 256 pages.</summary>
        private LosVmPage? OsVmPhysLargeAlloc(VmPhysSeg segment, int nPages)
        {
            var size = (ulong)nPages << VmZone.PageShift;
            foreach (var candidate in segment.FreeList[MaxOrder])
            {
                ulong paStart = candidate.PhysAddr;
                var paEnd = paStart + size;
                if (paEnd > segment.End)
                {
                    continue;
                }
                while (true)
                {
                    paStart += VmZone.PageSize << MaxOrder;
                    if (paStart >= paEnd || paStart < segment.Start || paStart >= segment.End)
                    {
                        break;
                    }
                    if (pages[segment.PageBase + (int)((paStart - segment.Start) >> VmZone.PageShift)].Order != MaxOrder)
                    {
                        break;
                    }
                }
                if (paStart >= paEnd)
                {
                    return candidate;
                }
            }
            return null;
        }

        /// <summary>OsVmPhysPagesFree: merge with the XOR buddy while it heads a free block of the same order.</summary>
        private void OsVmPhysPagesFree(LosVmPage page, int order)
        {
            if (page == null || order >= VmPhysSeg.ListOrderMax)
            {
                return;
            }
            var segment = segmentArray[page.SegId];
            if (order < MaxOrder)
            {
                var pa = page.PhysAddr;
                do
                {
                    pa ^= VmZone.PageSize << order;
                    var buddy = OsVmPhysToPage(pa, segment);
                    // docs/memory-manager.md §1.5 quirk: only the order field says "free", stale values on interior pages included.
                    if (buddy == null || buddy.Order != order)
                    {
                        break;
                    }
                    OsVmPhysFreeListDelUnsafe(buddy);
                    order++;
                    pa &= ~((VmZone.PageSize << order) - 1);
                    page = OsVmPhysToPage(pa, segment)!; // the merged block starts in the segment: its buddy did
                    if (Events.Enabled) // events
                    {
                        Events.Publish(MemoryEventKind.PageMerge, pa, 1u << order, (uint)order);
                    }
                }
                while (order < MaxOrder);
            }
            OsVmPhysFreeListAddUnsafe(page, order);
        }

        /// <summary>OsVmPhysPagesFreeContiguous: aligned blocks as large as the address allows, then the remainder by size.</summary>
        private void OsVmPhysPagesFreeContiguous(LosVmPage page, int nPages)
        {
            var index = page.Index;
            // The kernel's loop reads one descriptor past a block that ends the array; stopping at 0 is equivalent.
            while (nPages > 0)
            {
                var order = PhysToOrder(pages[index].PhysAddr);
                var n = 1 << order;
                if (n > nPages)
                {
                    break;
                }
                OsVmPhysPagesFree(pages[index], order);
                nPages -= n;
                index += n;
            }
            while (nPages > 0)
            {
                var order = HighBit(nPages);
                var n = 1 << order;
                OsVmPhysPagesFree(pages[index], order);
                nPages -= n;
                index += n;
            }
        }

        private void OsVmPhysFreeListAddUnsafe(LosVmPage page, int order)
        {
            page.Order = (byte)order;
            segmentArray[page.SegId].FreeList[order].AddTail(page);
            MarkFree(page.Index, 1 << order, true);
        }

        private void OsVmPhysFreeListDelUnsafe(LosVmPage page)
        {
            if (page.Order >= VmPhysSeg.ListOrderMax)
            {
                ThrowBadFreeListPage(page);
            }
            segmentArray[page.SegId].FreeList[page.Order].Remove(page);
            MarkFree(page.Index, 1 << page.Order, false);
            page.Order = LosVmPage.NoOrder;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void MarkFree(int index, int count, bool free)
        {
            var bit = index & 63;
            if (count <= 64 - bit && count < 64)
            {
                // A block of up to 63 pages inside one word (every order below 6, and most above): one update.
                var mask = ((1UL << count) - 1) << bit;
                if (free)
                {
                    freeBits[index >> 6] |= mask;
                }
                else
                {
                    freeBits[index >> 6] &= ~mask;
                }
                return;
            }
            MarkFreeWords(index, count, free);
        }

        private void MarkFreeWords(int index, int count, bool free)
        {
            while (count > 0)
            {
                var bit = index & 63;
                var n = Math.Min(64 - bit, count);
                var mask = (n == 64 ? ulong.MaxValue : (1UL << n) - 1) << bit;
                if (free)
                {
                    freeBits[index >> 6] |= mask;
                }
                else
                {
                    freeBits[index >> 6] &= ~mask;
                }
                index += n;
                count -= n;
            }
        }

        private static void ThrowBadFreeListPage(LosVmPage page) =>
            throw new KernelPanicException($"The page segment id({page.SegId}) or order({page.Order}) is invalid");

        private LosVmPage? OsVmPhysToPage(uint pa, VmPhysSeg segment)
        {
            if (!segment.Contains(pa))
            {
                return null;
            }
            return pages[segment.PageBase + (int)((pa - segment.Start) >> VmZone.PageShift)];
        }

        private static int HighBit(int value)
        {
            var bit = 0;
            while ((value >> (bit + 1)) != 0)
            {
                bit++;
            }
            return bit;
        }
    }
}
