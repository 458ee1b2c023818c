using HarmonyRenode.Core.Events;
using HarmonyRenode.Core.Pages;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// The region half of los_vm_map.c (docs/memory-manager.md §3.3-3.6): lookup, first-fit placement, region create/free,
    /// split/adjust, range removal (munmap), reserve and space teardown. Regions never get pages here:
    /// pages arrive by faults, vmalloc or explicit mappings, and leave through <see cref="LOS_RegionFree"/>.
    /// </summary>
    public sealed class VmMap
    {
        /// <summary>FILE_PAGE_SHARED bit of LosVmPage.flags (enum OsPageFlags, los_vm_filemap.h).</summary>
        public const int FilePageSharedBit = 6;

        private readonly VmSpaces spaces;
        private readonly VmPhys phys;
        private readonly VmLog log;

        public VmMap(VmSpaces spaces, VmPhys phys, VmLog log)
        {
            this.spaces = spaces;
            this.phys = phys;
            this.log = log;
        }

        public VmSpaces Spaces => spaces;

        /// <summary>System V shared memory (shm.c): LOS_RegionFree hands SHM regions to it (set by <see cref="VirtualMemory"/>).</summary>
        public Shm.SharedMemory? SharedMemory { get; internal set; }

        internal Shm.SharedMemory SharedMemoryLayer =>
            SharedMemory ?? throw new System.InvalidOperationException("VmMap.SharedMemory is set by VirtualMemory");

        /// <summary>Trace events: region create/free (set by the manager; off unless a sink is attached).</summary>
        public MemoryEvents Events { get; set; } = new MemoryEvents();

        /// <summary>OsFindRegion: one RB lookup with key {va, len} (docs/memory-manager.md §3.3: partial overlaps are not found).</summary>
        public static LosVmMapRegion? OsFindRegion(LosVmSpace space, uint va, uint len)
        {
            return space.RegionRbTree.LOS_RbGetNode(new LosVmMapRange(va, len), out var node) ? (LosVmMapRegion)node : null;
        }

        /// <summary>LOS_RegionFind: the region containing <paramref name="va"/> (key length 1).</summary>
        public static LosVmMapRegion? LOS_RegionFind(LosVmSpace space, uint va) => OsFindRegion(space, va, 1);

        public static LosVmMapRegion? LOS_RegionRangeFind(LosVmSpace space, uint va, uint len) => OsFindRegion(space, va, len);

        /// <summary>LOS_IsRangeInSpace: start inside the space; size 0 is fine; no wrap; end inside the space.</summary>
        public static bool LOS_IsRangeInSpace(LosVmSpace space, uint va, uint size)
        {
            var last = space.Base + space.Size - 1;
            if (va < space.Base || va > last)
            {
                return false;
            }
            if (size == 0)
            {
                return true;
            }
            return va + size - 1 >= va && va + size - 1 <= last;
        }

        /// <summary>
        /// OsAllocRange (docs/memory-manager.md §3.4): first fit ascending from mapBase. Quirk: a gap found inside the scan is not
        /// checked against mapBase+mapSize, so a gap above the map window can be returned. 0 on failure.
        /// </summary>
        public uint OsAllocRange(LosVmSpace space, uint len)
        {
            var tree = space.RegionRbTree;
            var curEnd = space.MapBase;
            var containing = LOS_RegionFind(space, space.MapBase);
            if (containing != null)
            {
                curEnd = containing.Base + containing.Size;
            }
            // RB_MID_SCAN from the containing region, else RB_SCAN_SAFE from the first: the body changes nothing, so
            // both are the plain in-order walk (written out so that a scan allocates no enumerator).
            for (var node = containing ?? tree.LOS_RbFirstNode(); node != null; node = tree.LOS_RbSuccessorNode(node))
            {
                var region = (LosVmMapRegion)node;
                var nextStart = region.Base;
                if (nextStart < curEnd)
                {
                    continue;
                }
                if (nextStart - curEnd >= len)
                {
                    return curEnd;
                }
                curEnd = region.Base + region.Size;
            }
            var mapEnd = space.MapBase + space.MapSize;
            if (mapEnd >= curEnd && mapEnd - curEnd >= len)
            {
                return curEnd;
            }
            return 0;
        }

        /// <summary>
        /// OsAllocSpecificRange (docs/memory-manager.md §3.5). Overlap = region at va, region at va+len-1, or a range lookup of
        /// {va, len-1} (quirk: len-1). FIXED_NOREPLACE → 0; FIXED → munmap in the CURRENT process space (quirk:
        /// not necessarily <paramref name="space"/>); otherwise the hint is dropped for a first fit.
        /// </summary>
        public uint OsAllocSpecificRange(LosVmSpace space, uint va, uint len, RegionFlags regionFlags)
        {
            if (!LOS_IsRangeInSpace(space, va, len))
            {
                return 0;
            }
            var overlaps = LOS_RegionFind(space, va) != null
                || LOS_RegionFind(space, va + len - 1) != null
                || LOS_RegionRangeFind(space, va, len - 1) != null;
            if (!overlaps)
            {
                return va;
            }
            if ((regionFlags & RegionFlags.FixedNoReplace) != 0)
            {
                return 0;
            }
            if ((regionFlags & RegionFlags.Fixed) != 0)
            {
                var status = LOS_UnMMap(va, len);
                if (status != 0)
                {
                    log.Err(nameof(OsAllocSpecificRange), $"unmap specific range va: {PrintfHex.Prefixed(va)}, len: {PrintfHex.Prefixed(len)} failed, status: {status}");
                    return 0;
                }
                return va;
            }
            return OsAllocRange(space, len);
        }

        /// <summary>
        /// LOS_RegionAlloc (docs/memory-manager.md §3.6): va 0 → first fit, else the specific-range rules; a NONE-type region with no
        /// pages is inserted in the tree. Null when no range is found or the insert reports an overlap.
        /// </summary>
        public LosVmMapRegion? LOS_RegionAlloc(LosVmSpace space, uint va, uint len, RegionFlags regionFlags, uint pgOff) =>
            RegionAlloc(space, va, len, regionFlags, pgOff, null);

        /// <summary>
        /// <see cref="LOS_RegionAlloc"/>, building the region in <paramref name="storage"/> when given: the model object of
        /// a freed region that nothing links to any more (vmalloc's, so a LOS_VMalloc/LOS_VFree pair allocates nothing).
        /// </summary>
        internal LosVmMapRegion? RegionAlloc(LosVmSpace space, uint va, uint len, RegionFlags regionFlags, uint pgOff, LosVmMapRegion? storage)
        {
            uint rstVaddr;
            if (va == 0)
            {
                rstVaddr = OsAllocRange(space, len);
            }
            else
            {
                rstVaddr = OsAllocSpecificRange(space, va, len, regionFlags);
                if (rstVaddr == 0)
                {
                    log.Err(nameof(LOS_RegionAlloc), $"alloc specific range va: {PrintfHex.Prefixed(va)}, len: {PrintfHex.Prefixed(len)} failed");
                    return null;
                }
            }
            if (rstVaddr == 0)
            {
                return null;
            }
            // OsCreateRegion: LOS_MemAlloc(m_aucSysMem0, sizeof(LosVmMapRegion)) once the range is known.
            var objects = spaces.Objects;
            var address = 0u;
            if (objects != null)
            {
                address = objects.AllocRegionStorage();
                if (address == 0)
                {
                    log.Err("OsCreateRegion", "memory allocate for LosVmMapRegion failed");
                    return null;
                }
            }
            LosVmMapRegion region;
            if (storage == null)
            {
                region = new LosVmMapRegion(rstVaddr, len, regionFlags, pgOff);
            }
            else
            {
                region = storage;
                region.Init(rstVaddr, len, regionFlags, pgOff);
            }
            if (address != 0)
            {
                objects?.AttachRegion(region, address); // address != 0 only with objects
            }
            region.Space = space;
            if (!space.RegionRbTree.LOS_RbAddNode(region))
            {
                // OsInsertRegion (the kernel also dumps the space here), then LOS_MemFree of the new region.
                log.Err("OsInsertRegion", $"insert region failed, base: {PrintfHex.Prefixed(region.Base)}, size: {PrintfHex.Prefixed(region.Size)}");
                objects?.FreeRegion(region);
                return null;
            }
            if (Events.Enabled) // events
            {
                Events.Publish(MemoryEventKind.RegionCreate, region.Base, region.Size, space.ArchMmu.Asid);
            }
            return region;
        }

        /// <summary>
        /// LOS_RegionFree (docs/memory-manager.md §3.6): DEV → one unmap of the whole range if the first page is mapped (pages not
        /// freed); otherwise (ANON/NONE) each mapped page is unmapped and LOS_PhysPageFree'd unless FILE_PAGE_SHARED.
        /// SHM regions detach from their segment (OsShmRegionFree). File regions are not modelled. Freeing a region
        /// that was already freed is refused (model divergence: the kernel would use freed memory).
        /// </summary>
        public VmStatus LOS_RegionFree(LosVmSpace? space, LosVmMapRegion? region)
        {
            if (space == null || region == null)
            {
                log.Err(nameof(LOS_RegionFree), $"args error, aspace {Describe(space)}, region {Describe(region)}");
                return VmStatus.InvalidArgs;
            }
            if (region.IsFreed)
            {
                log.Err(nameof(LOS_RegionFree), $"region {PrintfHex.Prefixed(region.Base)} size {PrintfHex.Prefixed(region.Size)} was already freed (double free)");
                return VmStatus.InvalidArgs;
            }
            if (Shm.SharedMemory.OsIsShmRegion(region))
            {
                SharedMemoryLayer.OsShmRegionFree(space, region);
            }
            else if (region.IsTypeDev)
            {
                OsDevPagesRemove(space, region.Base, region.PageCount);
            }
            else
            {
                OsAnonPagesRemove(space, region.Base, region.PageCount);
            }
            space.RegionRbTree.LOS_RbDelNode(region);
            // space.Heap may keep pointing at a freed heap region, as in the kernel (brk then resizes a dead region;
            // the model's object no longer writes to the freed storage).
            region.IsFreed = true;
            spaces.Objects?.FreeRegion(region);
            if (Events.Enabled) // events
            {
                Events.Publish(MemoryEventKind.RegionFree, region.Base, region.Size, space.ArchMmu.Asid);
            }
            return VmStatus.NoError;
        }

        /// <summary>LOS_MemFree(m_aucSysMem0, region) of a region a caller other than LOS_RegionFree took out (ShmDt).</summary>
        internal void FreeRegionStorage(LosVmMapRegion region) => spaces.Objects?.FreeRegion(region);

        /// <summary>
        /// OsVmRegionDup (docs/memory-manager.md §3.6): same flags with FIXED set (va != 0) or FIXED/FIXED_NOREPLACE cleared (va 0),
        /// same pgOff and type; no pages.
        /// </summary>
        public LosVmMapRegion? OsVmRegionDup(LosVmSpace space, LosVmMapRegion oldRegion, uint va, uint size)
        {
            var flags = oldRegion.RegionFlags;
            if (va == 0)
            {
                flags &= ~(RegionFlags.Fixed | RegionFlags.FixedNoReplace);
            }
            else
            {
                flags |= RegionFlags.Fixed;
            }
            var region = LOS_RegionAlloc(space, va, size, flags, oldRegion.PgOff);
            if (region == null)
            {
                log.Err(nameof(OsVmRegionDup), "LOS_RegionAlloc failed");
                return null;
            }
            region.RegionType = oldRegion.RegionType;
            if (oldRegion.IsShm)
            {
                region.Shmid = oldRegion.Shmid;
            }
            return region;
        }

        /// <summary>
        /// OsVmRegionSplit (docs/memory-manager.md §3.6): the old region keeps [base, newStart) and a FIXED dup takes the tail.
        /// Quirk: when the old part becomes empty its node leaves the tree but the region is not freed.
        /// Mappings stay where they are (they now belong to the tail region).
        /// </summary>
        public LosVmMapRegion? OsVmRegionSplit(LosVmMapRegion oldRegion, uint newRegionStart)
        {
            var space = oldRegion.Space!; // a region in a space's tree (LOS_RegionAlloc set it)
            var tailSize = oldRegion.EndAddr - newRegionStart + 1;
            oldRegion.SetSize(newRegionStart - oldRegion.Base);
            if (oldRegion.Size == 0)
            {
                space.RegionRbTree.LOS_RbDelNode(oldRegion);
            }
            var region = OsVmRegionDup(space, oldRegion, newRegionStart, tailSize);
            if (region == null)
            {
                log.Err(nameof(OsVmRegionSplit), "OsVmRegionDup fail");
                return null;
            }
            region.PgOff = oldRegion.PgOff + ((newRegionStart - oldRegion.Base) >> VmZone.PageShift);
            return region;
        }

        /// <summary>
        /// OsVmRegionAdjust (docs/memory-manager.md §3.6): split so that [start, start+size) begins and ends on region boundaries.
        /// The end test is "start+size &lt; last byte of the region containing start+size-1".
        /// </summary>
        public VmStatus OsVmRegionAdjust(LosVmSpace space, uint newRegionStart, uint size)
        {
            var nextRegionBase = newRegionStart + size;
            var region = LOS_RegionFind(space, newRegionStart);
            if (region != null && newRegionStart > region.Base && OsVmRegionSplit(region, newRegionStart) == null)
            {
                log.Err(nameof(OsVmRegionAdjust), "region split fail");
                return VmStatus.NoMemory;
            }
            region = LOS_RegionFind(space, nextRegionBase - 1);
            if (region != null && nextRegionBase < region.EndAddr && OsVmRegionSplit(region, nextRegionBase) == null)
            {
                log.Err(nameof(OsVmRegionAdjust), "region split fail");
                return VmStatus.NoMemory;
            }
            return VmStatus.NoError;
        }

        /// <summary>OsRegionsRemove: adjust, then free every region lying wholly inside [base, base+size-1].</summary>
        public VmStatus OsRegionsRemove(LosVmSpace space, uint regionBase, uint size)
        {
            var regionEnd = regionBase + size - 1;
            var status = OsVmRegionAdjust(space, regionBase, size);
            if (status != VmStatus.NoError)
            {
                return status;
            }
            foreach (LosVmMapRegion region in space.RegionRbTree.ScanSafe())
            {
                if (region.Base > regionEnd)
                {
                    break;
                }
                if (regionBase <= region.Base && regionEnd >= region.EndAddr)
                {
                    status = LOS_RegionFree(space, region);
                    if (status != VmStatus.NoError)
                    {
                        log.Err(nameof(OsRegionsRemove), $"fail to free region, status={(int)status}");
                        return status;
                    }
                }
            }
            return status;
        }

        /// <summary>OsUnMMap: size and addr both rounded UP to 4 KiB (quirk: addr is not rounded down); 0 or -EINVAL.</summary>
        public int OsUnMMap(LosVmSpace space, uint addr, uint size)
        {
            size = VmZone.RoundUp(size, VmZone.PageSize);
            addr = VmZone.RoundUp(addr, VmZone.PageSize);
            if (OsRegionsRemove(space, addr, size) != VmStatus.NoError)
            {
                log.Err(nameof(OsUnMMap), "region_split failed");
                return -LosReturn.EINVAL;
            }
            return 0;
        }

        /// <summary>LOS_UnMMap (munmap): addr 0 or size 0 → -EINVAL; else OsUnMMap on the current process space.</summary>
        public int LOS_UnMMap(uint addr, uint size)
        {
            if (addr == 0 || size == 0)
            {
                log.ErrIfSilent(nameof(LOS_UnMMap), $"addr {PrintfHex.Prefixed(addr)} size {PrintfHex.Prefixed(size)}: -EINVAL");
                return -LosReturn.EINVAL;
            }
            var space = spaces.CurrentSpace;
            if (space == null)
            {
                // The kernel dereferences the process's NULL space here; the model refuses instead.
                log.Err(nameof(LOS_UnMMap), "no current process space");
                return -LosReturn.EINVAL;
            }
            return OsUnMMap(space, addr, size);
        }

        /// <summary>
        /// OsUserHeapFree (docs/memory-manager.md §3.8): if addr lies in the brk heap region, unmap and free every mapped page of
        /// [addr, addr+len) and return 0 (quirk: the range is not clipped to the heap region); else -1.
        /// </summary>
        public int OsUserHeapFree(LosVmSpace space, uint addr, uint len)
        {
            if (space == spaces.KernelSpace || space.Heap == null)
            {
                return -1;
            }
            var region = LOS_RegionFind(space, addr);
            if (region == null || region != space.Heap)
            {
                return -1;
            }
            var va = addr;
            while (len > 0)
            {
                var query = space.ArchMmu.LOS_ArchMmuQuery(va);
                if (query.IsMapped)
                {
                    var ret = space.ArchMmu.LOS_ArchMmuUnmap(va, 1);
                    if (ret <= 0)
                    {
                        log.Err(nameof(OsUserHeapFree), $"unmap failed, ret = {ret}");
                    }
                    phys.LOS_PhysPageFree(phys.LOS_VmPageGet(query.Pa));
                }
                va += VmZone.PageSize;
                len = len > VmZone.PageSize ? len - VmZone.PageSize : 0;
            }
            return 0;
        }

        /// <summary>OsIsRegionCanExpand: Ok iff a successor exists and successor.base - region.base >= size (quirk: none → Nok).</summary>
        public uint OsIsRegionCanExpand(LosVmSpace? space, LosVmMapRegion? region, uint size)
        {
            if (space == null || region == null)
            {
                return LosReturn.Nok;
            }
            var next = (LosVmMapRegion?)space.RegionRbTree.LOS_RbSuccessorNode(region);
            return next != null && next.Base - region.Base >= size ? LosReturn.Ok : LosReturn.Nok;
        }

        /// <summary>
        /// LOS_VmSpaceReserve (docs/memory-manager.md §3.2): a FIXED region with the flags currently mapped at va (0 when unmapped).
        /// </summary>
        public VmStatus LOS_VmSpaceReserve(LosVmSpace space, uint size, uint va)
        {
            using (log.Operation())
            {
                if (space == null || size == 0 || !VmZone.IsPageAligned(va) || !VmZone.IsPageAligned(size))
                {
                    log.ErrIfSilent(nameof(LOS_VmSpaceReserve), $"invalid args, va {PrintfHex.Prefixed(va)} size {PrintfHex.Prefixed(size)}");
                    return VmStatus.InvalidArgs;
                }
                if (!LOS_IsRangeInSpace(space, va, size))
                {
                    log.ErrIfSilent(nameof(LOS_VmSpaceReserve), $"va {PrintfHex.Prefixed(va)} size {PrintfHex.Prefixed(size)} is out of range of {space}");
                    return VmStatus.OutOfRange;
                }
                var flags = space.ArchMmu.LOS_ArchMmuQuery(va).Flags;
                var region = LOS_RegionAlloc(space, va, size, flags | RegionFlags.Fixed, 0);
                if (region == null)
                {
                    log.ErrIfSilent(nameof(LOS_VmSpaceReserve), $"no region for va {PrintfHex.Prefixed(va)} size {PrintfHex.Prefixed(size)}");
                    return VmStatus.NoMemory;
                }
                return VmStatus.NoError;
            }
        }

        /// <summary>OsVmSpaceRegionFree: free every region (kernel space refused with LOS_OK).</summary>
        public VmStatus OsVmSpaceRegionFree(LosVmSpace space)
        {
            if (space == null)
            {
                return VmStatus.InvalidArgs;
            }
            if (space == spaces.KernelSpace)
            {
                log.Err(nameof(OsVmSpaceRegionFree), "try to free kernel aspace, not allowed");
                return VmStatus.NoError;
            }
            OsVmSpaceAllRegionFree(space);
            return VmStatus.NoError;
        }

        /// <summary>
        /// LOS_VmSpaceFree (docs/memory-manager.md §3.2): kernel space refused (LOS_OK); unlink, free all regions in address order,
        /// drop it as current space, destroy the ArchMmu (table pages back to the allocator, ASID freed).
        /// </summary>
        public VmStatus LOS_VmSpaceFree(LosVmSpace space)
        {
            using (log.Operation())
            {
                if (space == null)
                {
                    log.ErrIfSilent(nameof(LOS_VmSpaceFree), "space is NULL");
                    return VmStatus.InvalidArgs;
                }
                if (space == spaces.KernelSpace)
                {
                    log.Err(nameof(LOS_VmSpaceFree), "try to free kernel aspace, not allowed");
                    return VmStatus.NoError;
                }
                if (!space.IsLive)
                {
                    log.Err(nameof(LOS_VmSpaceFree), $"{space} was already freed (double free)");
                    return VmStatus.InvalidArgs;
                }
                spaces.RemoveFromList(space);
                OsVmSpaceAllRegionFree(space);
                if (spaces.CurrentSpace == space)
                {
                    // LOS_ArchMmuContextSwitch with the freed space: TTBR0 walks disabled until another space is made current.
                    spaces.CurrentSpace = null;
                }
                space.ArchMmu.LOS_ArchMmuDestroy();
                space.IsLive = false;
                spaces.Objects?.FreeSpace(space);
                return VmStatus.NoError;
            }
        }

        private void OsVmSpaceAllRegionFree(LosVmSpace space)
        {
            foreach (LosVmMapRegion region in space.RegionRbTree.ScanSafe())
            {
                if (region.Size == 0)
                {
                    log.Err(nameof(OsVmSpaceAllRegionFree), $"space free, region: flags: {PrintfHex.Prefixed((uint)region.RegionFlags)}, base:{PrintfHex.Prefixed(region.Base)}, size: {PrintfHex.Prefixed(region.Size)}");
                }
                var ret = LOS_RegionFree(space, region);
                if (ret != VmStatus.NoError)
                {
                    log.Err(nameof(OsVmSpaceAllRegionFree), $"free region error, space {space}, region {region}");
                }
            }
        }

        private void OsAnonPagesRemove(LosVmSpace space, uint va, uint count)
        {
            if (va == 0 || count == 0)
            {
                log.Err(nameof(OsAnonPagesRemove), $"OsAnonPagesRemove invalid args, vaddr {PrintfHex.Prefixed(va)}, count {count}");
                return;
            }
            for (; count > 0; count--, va += VmZone.PageSize)
            {
                var query = space.ArchMmu.LOS_ArchMmuQuery(va);
                if (!query.IsMapped)
                {
                    continue;
                }
                space.ArchMmu.LOS_ArchMmuUnmap(va, 1);
                var page = phys.LOS_VmPageGet(query.Pa);
                if (page != null && (page.Flags & (1u << FilePageSharedBit)) == 0)
                {
                    phys.LOS_PhysPageFree(page);
                }
            }
        }

        private void OsDevPagesRemove(LosVmSpace space, uint va, uint count)
        {
            if (va == 0 || count == 0)
            {
                log.Err(nameof(OsDevPagesRemove), $"OsDevPagesRemove invalid args, vaddr {PrintfHex.Prefixed(va)}, count {count}");
                return;
            }
            // Only the first page is queried; one unmap of the whole range so that sections can go (docs/memory-manager.md §3.6).
            if (!space.ArchMmu.LOS_ArchMmuQuery(va).IsMapped)
            {
                return;
            }
            space.ArchMmu.LOS_ArchMmuUnmap(va, (int)count);
        }


        private static string Describe(object? value) => value == null ? "NULL" : value.ToString();
    }
}
