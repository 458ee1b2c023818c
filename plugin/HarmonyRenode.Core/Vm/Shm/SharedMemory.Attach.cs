using HarmonyRenode.Core.Events;
using HarmonyRenode.Core.Pages;
using static HarmonyRenode.Core.Vm.Shm.ShmConstants;

namespace HarmonyRenode.Core.Vm.Shm
{
    /// <summary>shm.c's attach side: ShmAt, ShmDt, OsShmFork, OsShmRegionFree and the mapping of a segment's pages.</summary>
    public sealed partial class SharedMemory
    {
        /// <summary>ShmAt (shmat): the attach address, or 0xFFFFFFFF ((void *)-1) with errno.</summary>
        public uint ShmAt(int shmid, uint shmaddr, int shmflg)
        {
            var flags = (uint)shmflg;
            if (((flags & ShmRemap) != 0 && shmaddr == 0) || (shmaddr != 0 && !VmZone.IsPageAligned(shmaddr) && (flags & ShmRnd) == 0))
            {
                return AtFail(EINVAL);
            }
            var prot = ProtFlags.Read;
            var accMode = SIrugo;
            if ((flags & ShmExec) != 0)
            {
                // Quirk kept: SHM_EXEC gives read + execute and never write.
                prot |= ProtFlags.Exec;
                accMode |= SIxugo;
            }
            else if ((flags & ShmRdonly) == 0)
            {
                prot |= ProtFlags.Write;
                accMode |= SIwugo;
            }
            var seg = ShmFindSeg(shmid);
            if (seg == null)
            {
                return uint.MaxValue;
            }
            var perm = ShmPermCheck(seg, accMode);
            if (perm != 0)
            {
                return AtFail(perm);
            }
            seg.Ds.Nattch++;
            var region = ShmatVmmAlloc(seg, shmaddr, flags, prot);
            if (region == null)
            {
                seg.Ds.Nattch--;
                return uint.MaxValue;
            }
            region.Shmid = shmid;
            region.RegionFlags |= RegionFlags.Shm;
            seg.Ds.Atime = 0;
            seg.Ds.Lpid = 0;
            return region.Base;
        }

        private LosVmMapRegion? ShmatVmmAlloc(ShmIdSource seg, uint shmaddr, uint shmflg, ProtFlags prot)
        {
            var space = Current;
            var flags = MapFlags.Anonymous | MapFlags.Shared;
            var mapFlags = flags | MapFlags.Fixed;
            if (shmaddr != 0)
            {
                flags |= MapFlags.FixedNoReplace;
            }
            var regionFlags = MmanFlags.OsCvtProtFlagsToRegionFlags(prot, flags);
            LosVmMapRegion? region;
            var size = seg.Ds.Segsz;
            if (shmaddr == 0)
            {
                region = map.LOS_RegionAlloc(space, 0, size, regionFlags, 0);
            }
            else
            {
                var vaddr = (shmflg & ShmRnd) != 0 ? VmZone.RoundDown(shmaddr, ShmLba) : shmaddr;
                if ((shmflg & ShmRemap) == 0 && (VmMap.LOS_RegionFind(space, vaddr) != null
                    || VmMap.LOS_RegionFind(space, vaddr + size - 1) != null
                    || VmMap.LOS_RegionRangeFind(space, vaddr, size - 1) != null))
                {
                    SetErrno(EINVAL);
                    return null;
                }
                vaddr = syscalls.LOS_MMap(vaddr, size, prot, mapFlags, -1, 0);
                region = VmMap.LOS_RegionFind(space, vaddr);
            }
            if (region == null)
            {
                SetErrno(ENOMEM);
                return null;
            }
            ShmVmmMapping(space, seg.Pages, region.Base, regionFlags);
            return region;
        }

        /// <summary>ShmVmmMapping: every page of the segment, in list order, one reference and one mapping each.</summary>
        private void ShmVmmMapping(LosVmSpace space, PageList pages, uint va, RegionFlags regionFlags)
        {
            foreach (var page in pages)
            {
                page.RefCounts++;
                var ret = space.ArchMmu.LOS_ArchMmuMap(va, page.PhysAddr, 1, regionFlags);
                if (ret != 1)
                {
                    log.Err(nameof(ShmVmmMapping), $"LOS_ArchMmuMap failed, ret = {ret}");
                }
                va += VmZone.PageSize;
            }
        }

        /// <summary>
        /// ShmDt (shmdt): 0, or -1 with errno. Quirk kept: the region at the address leaves the space and its mappings
        /// go before the segment is looked up, so shmdt of an ordinary mapping's base removes that mapping (its pages
        /// keep their references) and then fails with EINVAL.
        /// </summary>
        public int ShmDt(uint shmaddr)
        {
            if (!VmZone.IsPageAligned(shmaddr))
            {
                return Fail(EINVAL);
            }
            var space = Current;
            var region = VmMap.LOS_RegionFind(space, shmaddr);
            if (region == null || region.Base != shmaddr)
            {
                return Fail(EINVAL);
            }
            var shmid = region.Shmid;
            space.RegionRbTree.LOS_RbDelNode(region);
            space.ArchMmu.LOS_ArchMmuUnmap(region.Base, (int)region.PageCount);
            // free(region): the LosVmMapRegion goes back to the system pool (shm.c ShmDt).
            region.IsFreed = true;
            map.FreeRegionStorage(region);
            if (Events.Enabled) // events
            {
                Events.Publish(MemoryEventKind.RegionFree, region.Base, region.Size, space.ArchMmu.Asid);
            }
            var seg = ShmFindSeg(shmid);
            if (seg == null)
            {
                return Fail(EINVAL);
            }
            Detach(seg);
            return 0;
        }

        /// <summary>OsShmFork: the child's copy of an SHM region maps the same pages and counts as one more attach.</summary>
        public void OsShmFork(LosVmSpace space, LosVmMapRegion oldRegion, LosVmMapRegion newRegion)
        {
            var seg = ShmFindSeg(oldRegion.Shmid);
            if (seg == null)
            {
                log.Err(nameof(OsShmFork), "shm fork failed!");
                return;
            }
            newRegion.Shmid = oldRegion.Shmid;
            newRegion.ForkFlags = oldRegion.ForkFlags;
            ShmVmmMapping(space, seg.Pages, newRegion.Base, newRegion.RegionFlags);
            seg.Ds.Nattch++;
        }

        /// <summary>
        /// OsShmRegionFree (the region free of munmap and process exit, for SHM regions): unmap the region, drop one reference of
        /// every page of the segment, one attach less. A segment that cannot be found leaves the mappings alone.
        /// </summary>
        public void OsShmRegionFree(LosVmSpace space, LosVmMapRegion region)
        {
            var seg = ShmFindSeg(region.Shmid);
            if (seg == null)
            {
                return;
            }
            space.ArchMmu.LOS_ArchMmuUnmap(region.Base, (int)region.PageCount);
            Detach(seg);
        }

        /// <summary>OsIsShmRegion.</summary>
        public static bool OsIsShmRegion(LosVmMapRegion region) => (region.RegionFlags & RegionFlags.Shm) != 0;

        /// <summary>ShmPagesRefDec, shm_nattch--, and ShmFreeSeg when that was the last attach of a removed segment.</summary>
        private void Detach(ShmIdSource seg)
        {
            foreach (var page in seg.Pages)
            {
                page.RefCounts--;
            }
            seg.Ds.Nattch--;
            if (seg.Ds.Nattch == 0 && seg.IsRemoved) // unsigned long: "<= 0" is "== 0"
            {
                ShmFreeSeg(seg);
            }
            else
            {
                seg.Ds.Dtime = 0;
                seg.Ds.Lpid = 0;
            }
        }
    }
}
