using System.Collections.Generic;
using HarmonyRenode.Core.Pages;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// vmalloc and explicit mappings of los_vm_map.c (docs/memory-manager.md §3.7): LOS_VMalloc/LOS_VFree in g_vMallocSpace,
    /// LOS_VaddrToPaddrMmap and LOS_PaddrQuery.
    /// </summary>
    public sealed class VMalloc
    {
        private readonly VmMap map;
        private readonly VmPhys phys;
        private readonly VmLog log;

        /// <summary>The pages of one LOS_VMalloc between allocation and mapping (empty between calls).</summary>
        private readonly PageList pending = new PageList("vmalloc");

        /// <summary>Region objects LOS_VFree released, the storage of later LOS_VMalloc regions (at most <see cref="MaxFreedRegions"/>).</summary>
        private readonly Stack<LosVmMapRegion> freedRegions = new Stack<LosVmMapRegion>();

        /// <summary>Freed region objects kept for reuse; beyond this many they are left to the collector.</summary>
        private const int MaxFreedRegions = 64;

        public VMalloc(VmMap map, VmPhys phys, VmLog log)
        {
            this.map = map;
            this.phys = phys;
            this.log = log;
        }

        private VmSpaces Spaces => map.Spaces;

        /// <summary>
        /// LOS_VMalloc: ROUNDUP to pages; non-contiguous single pages, each refCounts++ and mapped alone
        /// (kernel-only read/write, cached) at ascending VAs of a first-fit region from 0xC0000000. 0 on failure,
        /// after the kernel's allocate-then-free of the pages (kernel/base/vm/los_vm_map.c, LOS_VMalloc).
        /// </summary>
        public uint LOS_VMalloc(uint size)
        {
            using (log.Operation())
            {
                var space = Spaces.VmallocSpace;
                size = VmZone.RoundUp(size, VmZone.PageSize);
                if (size == 0 || size > space.Size)
                {
                    log.ErrIfSilent(nameof(LOS_VMalloc), $"size {PrintfHex.Prefixed(size)} is 0 or above the vmalloc space");
                    return 0;
                }
                var pageCount = (int)(size >> VmZone.PageShift);

                // As the kernel: the pages come first (LOS_PhysPagesAlloc, one at a time), then the region; on either
                // failure LOS_PhysPagesFree gives back what was taken, head first, so the buddy lists end re-queued.
                // The list is the model's, reused: it is always empty between calls.
                var pages = pending;
                var got = phys.LOS_PhysPagesAlloc(pageCount, pages);
                if (got < pageCount)
                {
                    log.Err(nameof(LOS_VMalloc), $"failed to allocate enough pages (ask {pageCount}, got {got})");
                    phys.LOS_PhysPagesFree(pages);
                    return 0;
                }
                var storage = TakeFreedRegion(space);
                var region = map.RegionAlloc(space, 0, size, RegionFlags.PermRead | RegionFlags.PermWrite, 0, storage);
                if (region == null)
                {
                    if (storage != null)
                    {
                        freedRegions.Push(storage);
                    }
                    log.Err(nameof(LOS_VMalloc), $"alloc region failed, size = {size:x}");
                    phys.LOS_PhysPagesFree(pages);
                    return 0;
                }
                var va = region.Base;
                LosVmPage? page;
                while ((page = pages.RemoveFirst()) != null)
                {
                    page.RefCounts++;
                    var ret = space.ArchMmu.LOS_ArchMmuMap(va, page.PhysAddr, 1, region.RegionFlags);
                    if (ret != 1)
                    {
                        log.Err(nameof(LOS_VMalloc), $"LOS_ArchMmuMap failed!, err;{ret}");
                    }
                    va += VmZone.PageSize;
                }
                return region.Base;
            }
        }

        /// <summary>
        /// A freed region object the next region can be built in, or null. The one link the kernel leaves pointing at a
        /// freed region is the tree's NilT parent (LOS_RbDelNode's fix-up, lib/libscrew/src/los_rbtree.c): an object
        /// it still names must keep standing for that region and its stale address, so it waits for a later call.
        /// </summary>
        private LosVmMapRegion? TakeFreedRegion(LosVmSpace space)
        {
            if (freedRegions.Count == 0)
            {
                return null;
            }
            var top = freedRegions.Pop();
            if (!ReferenceEquals(space.RegionRbTree.NilT.RawParent, top))
            {
                return top;
            }
            var below = freedRegions.Count > 0 ? freedRegions.Pop() : null;
            freedRegions.Push(top);
            return below;
        }

        /// <summary>LOS_VFree: frees the whole vmalloc region containing addr (unmap + LOS_PhysPageFree per page).</summary>
        public void LOS_VFree(uint addr)
        {
            using (log.Operation())
            {
                if (addr == 0)
                {
                    log.Err(nameof(LOS_VFree), "addr is NULL!");
                    return;
                }
                var space = Spaces.VmallocSpace;
                var region = VmMap.LOS_RegionFind(space, addr);
                if (region == null)
                {
                    log.Err(nameof(LOS_VFree), "find region failed");
                    return;
                }
                var ret = map.LOS_RegionFree(space, region);
                if (ret != VmStatus.NoError)
                {
                    log.Err(nameof(LOS_VFree), $"free region failed, ret = {(int)ret}");
                }
                else if (freedRegions.Count < MaxFreedRegions)
                {
                    freedRegions.Push(region);
                }
            }
        }

        /// <summary>
        /// LOS_VaddrToPaddrMmap (docs/memory-manager.md §3.7): map managed pages [pa, pa+len) at va in a new region of
        /// <paramref name="space"/> (null → current process space), refCounts++ per page.
        /// </summary>
        public VmStatus LOS_VaddrToPaddrMmap(LosVmSpace? space, uint va, uint pa, uint len, RegionFlags flags)
        {
            using (log.Operation())
            {
                if (!VmZone.IsPageAligned(va) || !VmZone.IsPageAligned(pa) || !VmZone.IsPageAligned(len))
                {
                    log.Err(nameof(LOS_VaddrToPaddrMmap), $"vaddr :0x{va:x}  paddr:0x{pa:x} len: 0x{len:x} not page size align");
                    return VmStatus.NotValid;
                }
                space = space ?? Spaces.CurrentSpace;
                if (space == null)
                {
                    // The kernel would dereference the process's NULL space.
                    log.Err(nameof(LOS_VaddrToPaddrMmap), "no current process space");
                    return VmStatus.InvalidArgs;
                }
                if (VmMap.LOS_RegionFind(space, va) != null)
                {
                    log.Err(nameof(LOS_VaddrToPaddrMmap), $"vaddr : 0x{va:x} already used!");
                    return VmStatus.Busy;
                }
                // Model: unmanaged pages are found before the region exists. The kernel finds them in its map loop,
                // after earlier pages got refCounts++ and were mapped, and its region free then drops those
                // references, freeing pages it never owned.
                // Likewise a free page: the kernel would map it and take a reference, and the region's free would
                // then give the buddy lists a page they already hold.
                for (uint off = 0; off < len; off += VmZone.PageSize)
                {
                    var page = phys.LOS_VmPageGet(pa + off);
                    if (page == null)
                    {
                        log.Err(nameof(LOS_VaddrToPaddrMmap), $"Page is NULL (paddr 0x{pa + off:x})");
                        return VmStatus.NotValid;
                    }
                    if (phys.IsFree(page))
                    {
                        log.Err(nameof(LOS_VaddrToPaddrMmap), $"paddr 0x{pa + off:x} is a free page");
                        return VmStatus.NotValid;
                    }
                }
                var region = map.LOS_RegionAlloc(space, va, len, flags, 0);
                if (region == null)
                {
                    log.Err(nameof(LOS_VaddrToPaddrMmap), "failed");
                    return VmStatus.NoMemory;
                }
                if (region.Base != va)
                {
                    // Model: [va, va + len) overlaps a region past its first page, so LOS_RegionAlloc placed the new
                    // region elsewhere; the kernel would still map at va, over the other region's pages.
                    map.LOS_RegionFree(space, region);
                    log.Err(nameof(LOS_VaddrToPaddrMmap), $"vaddr : 0x{va:x} len 0x{len:x} overlaps a region");
                    return VmStatus.Busy;
                }
                for (; len > 0; len -= VmZone.PageSize, va += VmZone.PageSize, pa += VmZone.PageSize)
                {
                    var page = phys.LOS_VmPageGet(pa)!; // every page of the range was found above
                    page.RefCounts++;
                    var ret = space.ArchMmu.LOS_ArchMmuMap(va, pa, 1, region.RegionFlags);
                    if (ret <= 0)
                    {
                        log.Err(nameof(LOS_VaddrToPaddrMmap), $"LOS_ArchMmuMap failed: {ret}");
                        map.LOS_RegionFree(space, region);
                        return (VmStatus)ret;
                    }
                }
                return VmStatus.NoError;
            }
        }

        /// <summary>
        /// OsVmVaddrToPage (los_vm_phys.c): the page behind any kernel pointer, found by the table walk of
        /// LOS_PaddrQuery as the kernel does (a vmalloc address too), or null.
        /// </summary>
        public LosVmPage? OsVmVaddrToPage(uint ptr) => phys.LOS_VmPageGet(LOS_PaddrQuery(ptr));

        /// <summary>
        /// LOS_PaddrQuery (docs/memory-manager.md §3.7): the ArchMmu is chosen by address class (kernel, current user space, vmalloc);
        /// any other address (uncached alias, peripherals) → VM_ERR and 0; unmapped → 0.
        /// </summary>
        public uint LOS_PaddrQuery(uint va)
        {
            using (log.Operation())
            {
                LosVmSpace? space;
                if (VmZone.IsKernelAddress(va))
                {
                    space = Spaces.KernelSpace;
                }
                else if (VmZone.IsUserAddress(va))
                {
                    space = Spaces.CurrentSpace;
                    if (space == null)
                    {
                        log.Err(nameof(LOS_PaddrQuery), "no current process space");
                        return 0;
                    }
                }
                else if (VmZone.IsVmallocAddress(va))
                {
                    space = Spaces.VmallocSpace;
                }
                else
                {
                    log.Err(nameof(LOS_PaddrQuery), "vaddr is beyond range");
                    return 0;
                }
                var query = space.ArchMmu.LOS_ArchMmuQuery(va);
                return query.IsMapped ? query.Pa : 0;
            }
        }
    }
}
