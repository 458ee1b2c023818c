using System;
using System.Collections.Generic;
using HarmonyRenode.Core.Events;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;
using static HarmonyRenode.Core.Vm.Shm.ShmConstants;

namespace HarmonyRenode.Core.Vm.Shm
{
    /// <summary>
    /// System V shared memory as kernel/base/vm/shm.c does it (docs/memory-manager.md §3.10): a table of
    /// SHM_MNI segments; a segment's pages come one by one from the page allocator (LOS_PhysPagesAlloc) and stay on
    /// its list until it is freed; ShmAt maps all of them at once into a region flagged SHM of the current process
    /// space (one reference per mapping, no faults); fork maps the same pages into the child (OsShmFork); ShmDt,
    /// munmap and process exit detach (OsShmRegionFree), and the last detach of a segment marked IPC_RMID frees it.
    /// Failures return -1 (ShmAt: (void *)-1) and set errno, which the syscall layer turns into -errno.
    /// </summary>
    public sealed class SharedMemory
    {
        private readonly VmMap map;
        private readonly VmSyscalls syscalls;
        private readonly VmPhys phys;
        private readonly VmLog log;
        private ShmIdSource[] segs;
        private uint segTable;

        public SharedMemory(VmMap map, VmSyscalls syscalls, VmPhys phys, VmLog log)
        {
            this.map = map;
            this.syscalls = syscalls;
            this.phys = phys;
            this.log = log;
        }

        /// <summary>LOS_ArchCopyToUser/FromUser for IPC_STAT, IPC_SET, IPC_INFO and SHM_INFO (set by the manager).</summary>
        public IUserCopy UserCopy { get; set; }

        /// <summary>The current task's errno after the last failing call (set_errno).</summary>
        public int Errno { get; private set; }

        /// <summary>Called with each errno the functions set: the manager stores it where the guest's errno lives.</summary>
        public Action<int> ErrnoSet { get; set; }

        /// <summary>LOS_GetUserID / LOS_GetGroupID: the model runs every process as root (uid 0, gid 0).</summary>
        public uint UserId { get; set; }

        public uint GroupId { get; set; }

        /// <summary>The segment table (g_shmSegs), or null before ShmInit and after ShmDeinit.</summary>
        public IReadOnlyList<ShmIdSource> Segments => segs;

        /// <summary>Kernel VA of the table's block in the system pool (0 without one).</summary>
        public uint SegTable => segTable;

        /// <summary>g_shmUsedPageCount: pages held by used segments.</summary>
        public uint UsedPageCount { get; private set; }

        /// <summary>g_shmInfo: shmmax, shmmin, shmmni, shmseg, shmall.</summary>
        public static uint[] Info => new[] { ShmMax, ShmMin, (uint)ShmMni, ShmSeg, ShmAll };

        /// <summary>Trace events: the regions ShmDt frees itself (LOS_RegionFree's do the same).</summary>
        private MemoryEvents Events => map.Events;

        private LosVmSpace Current => map.Spaces.CurrentSpace ?? map.Spaces.KernelSpace;

        /// <summary>
        /// OsShmCBInit on the block the caller took from the system pool (SHM_MNI entries): every segment free with
        /// seq = index + 1 and an empty list, written into the block as memset + the loop leave it; the used page count 0.
        /// </summary>
        public void OsShmCBInit(uint tableKva, IGuestMemory memory, Func<uint, uint> kvaToPa)
        {
            segs = new ShmIdSource[ShmMni];
            segTable = tableKva;
            var pa = kvaToPa(tableKva);
            memory.Fill(pa, (int)SegTableSize, 0);
            for (var i = 0; i < ShmMni; i++)
            {
                var seg = new ShmIdSource(i) { Status = SegFree };
                seg.Ds.Seq = i + 1;
                segs[i] = seg;
                var entry = (uint)(i * ShmIdSourceSize);
                memory.WriteUInt32(pa + entry + SeqOffset, (uint)(i + 1));
                memory.WriteUInt32(pa + entry + StatusOffset, SegFree);
                memory.WriteUInt32(pa + entry + NodeOffset, tableKva + entry + NodeOffset);
                memory.WriteUInt32(pa + entry + NodeOffset + 4, tableKva + entry + NodeOffset);
            }
            UsedPageCount = 0;
        }

        /// <summary>
        /// ShmDeinit: the table goes back to the system pool (the caller frees <see cref="SegTable"/>); the pages of
        /// segments still in use are not freed, as in the kernel (only OsShmCBDestroy would free them).
        /// </summary>
        public uint ShmDeinit()
        {
            var table = segTable;
            segs = null;
            segTable = 0;
            return table;
        }

        // ---- ShmGet ------------------------------------------------------------------------------------------------

        /// <summary>ShmGet (shmget): the shmid, or -1 with errno.</summary>
        public int ShmGet(int key, uint size, int shmflg)
        {
            RequireTable(nameof(ShmGet));
            int ret;
            if (key == IpcPrivate)
            {
                ret = ShmAllocSeg(key, size, shmflg);
            }
            else
            {
                ret = ShmFindSegByKey(key);
                if (ret < 0)
                {
                    ret = ((uint)shmflg & IpcCreat) == 0 ? -ENOENT : ShmAllocSeg(key, size, shmflg);
                }
                else
                {
                    var shmid = ret;
                    if (((uint)shmflg & IpcCreat) != 0 && ((uint)shmflg & IpcExcl) != 0)
                    {
                        return Fail(EEXIST);
                    }
                    var found = ShmFindSeg(shmid);
                    if (found == null)
                    {
                        return Fail(Errno);
                    }
                    var perm = ShmPermCheck(found, (uint)shmflg & AccessPerms);
                    if (perm != 0)
                    {
                        return Fail(perm);
                    }
                    ret = ShmSegValidCheck(shmid, size, shmflg);
                }
            }
            return ret < 0 ? Fail(-ret) : ret;
        }

        /// <summary>ShmAllocSegCheck + ShmAllocSeg: the new shmid, or a negative errno.</summary>
        private int ShmAllocSeg(int key, uint size, int shmflg)
        {
            if (size == 0 || size < ShmMin || size > ShmMax)
            {
                return -EINVAL;
            }
            size = VmZone.RoundUp(size, VmZone.PageSize);
            var nPages = size >> VmZone.PageShift;
            if (UsedPageCount + nPages > ShmAll)
            {
                return -ENOMEM;
            }
            var segNum = -1;
            for (var i = 0; i < ShmMni; i++)
            {
                if ((segs[i].Status & SegFree) != 0)
                {
                    segs[i].Status &= ~SegFree;
                    segNum = i;
                    break;
                }
            }
            if (segNum < 0)
            {
                return -ENOSPC;
            }
            var seg = segs[segNum];
            if (phys.LOS_PhysPagesAlloc((int)nPages, seg.Pages) != nPages)
            {
                phys.LOS_PhysPagesFree(seg.Pages);
                seg.Status = SegFree;
                return -ENOMEM;
            }
            foreach (var page in seg.Pages)
            {
                page.Flags |= 1u << VmMap.FilePageSharedBit; // ShmSetSharedFlag (OsSetPageShared)
            }
            UsedPageCount += nPages;
            seg.Status |= SegUsed;
            var ds = seg.Ds;
            ds.Mode = (uint)shmflg & AccessPerms;
            ds.Key = key;
            ds.Segsz = size;
            ds.Cuid = ds.Uid = UserId;
            ds.Cgid = ds.Gid = GroupId;
            ds.Lpid = 0;
            ds.Nattch = 0;
            ds.Cpid = 0;
            ds.Atime = 0;
            ds.Dtime = 0;
            ds.Ctime = 0;
            return segNum;
        }

        /// <summary>ShmFreeSeg: pages back (LOS_PhysPagesFree), used count down, the entry free again (ds kept).</summary>
        private void ShmFreeSeg(ShmIdSource seg)
        {
            foreach (var page in seg.Pages)
            {
                page.Flags &= ~(1u << VmMap.FilePageSharedBit); // ShmClearSharedFlag
            }
            var count = phys.LOS_PhysPagesFree(seg.Pages);
            if (count != seg.Ds.Segsz >> VmZone.PageShift)
            {
                log.Err(nameof(ShmFreeSeg), $"free physical pages failed, count = {count}, size = {seg.Ds.Segsz >> VmZone.PageShift}");
                return;
            }
            UsedPageCount -= seg.Ds.Segsz >> VmZone.PageShift;
            seg.Status = SegFree;
        }

        private int ShmFindSegByKey(int key)
        {
            for (var i = 0; i < ShmMni; i++)
            {
                if (segs[i].IsUsed && segs[i].Ds.Key == key)
                {
                    return i;
                }
            }
            return -1;
        }

        private int ShmSegValidCheck(int segNum, uint size, int shmflg)
        {
            if (size > segs[segNum].Ds.Segsz)
            {
                return -EINVAL;
            }
            if (((uint)shmflg & (IpcCreat | IpcExcl)) == (IpcCreat | IpcExcl))
            {
                return -EEXIST;
            }
            return segNum;
        }

        /// <summary>ShmFindSeg: EINVAL outside the table, EIDRM for a free entry or a removed one nobody attaches.</summary>
        private ShmIdSource ShmFindSeg(int shmid)
        {
            if (shmid < 0 || shmid >= ShmMni)
            {
                SetErrno(EINVAL);
                return null;
            }
            var seg = segs[shmid];
            if ((seg.Status & SegFree) != 0 || (seg.Ds.Nattch == 0 && seg.IsRemoved))
            {
                SetErrno(EIDRM);
                return null;
            }
            return seg;
        }

        /// <summary>
        /// ShmPermCheck: 0 or EACCES. The owner (uid or cuid) gets SHM_M and the user bits; a group member the group
        /// bits, everyone else the other bits, each shifted to the user's place. mode SHM_M asks for ownership only.
        /// </summary>
        private int ShmPermCheck(ShmIdSource seg, uint mode)
        {
            uint tmpMode = 0;
            var privMode = seg.Ds.Mode;
            uint accMode;
            if (UserId == seg.Ds.Uid || UserId == seg.Ds.Cuid)
            {
                tmpMode |= ShmM;
                accMode = mode & SIrwxu;
            }
            else if (GroupId == seg.Ds.Gid || GroupId == seg.Ds.Cgid)
            {
                privMode <<= GroupToUser;
                accMode = (mode & SIrwxg) << GroupToUser;
            }
            else
            {
                privMode <<= OtherToUser;
                accMode = (mode & SIrwxo) << OtherToUser;
            }
            tmpMode |= privMode & (ShmR | ShmW | ShmX);
            if (mode == ShmM)
            {
                return (tmpMode & ShmM) != 0 ? 0 : EACCES;
            }
            return (tmpMode & accMode) == accMode ? 0 : EACCES;
        }

        // ---- ShmAt ---------------------------------------------------------------------------------------------------

        /// <summary>ShmAt (shmat): the attach address, or 0xFFFFFFFF ((void *)-1) with errno.</summary>
        public uint ShmAt(int shmid, uint shmaddr, int shmflg)
        {
            RequireTable(nameof(ShmAt));
            var flags = (uint)shmflg;
            if (((flags & ShmRemap) != 0 && shmaddr == 0) || (shmaddr != 0 && !VmZone.IsPageAligned(shmaddr) && (flags & ShmRnd) == 0))
            {
                return AtFail(EINVAL);
            }
            var prot = MmanFlags.ProtRead;
            var accMode = SIrugo;
            if ((flags & ShmExec) != 0)
            {
                // Quirk kept: SHM_EXEC gives read + execute and never write.
                prot |= MmanFlags.ProtExec;
                accMode |= SIxugo;
            }
            else if ((flags & ShmRdonly) == 0)
            {
                prot |= MmanFlags.ProtWrite;
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

        private LosVmMapRegion ShmatVmmAlloc(ShmIdSource seg, uint shmaddr, uint shmflg, uint prot)
        {
            var space = Current;
            var flags = MmanFlags.MapAnonymous | MmanFlags.MapShared;
            var mapFlags = flags | MmanFlags.MapFixed;
            if (shmaddr != 0)
            {
                flags |= MmanFlags.MapFixedNoReplace;
            }
            var regionFlags = MmanFlags.OsCvtProtFlagsToRegionFlags(prot, flags);
            LosVmMapRegion region;
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
        private void ShmVmmMapping(LosVmSpace space, PageList pages, uint va, uint regionFlags)
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

        // ---- ShmCtl --------------------------------------------------------------------------------------------------

        /// <summary>ShmCtl (shmctl): 0, the index (SHM_STAT) or shmmni (IPC_INFO, SHM_INFO); -1 with errno.</summary>
        public int ShmCtl(int shmid, int cmd, uint buf)
        {
            RequireTable(nameof(ShmCtl));
            cmd = (int)((uint)cmd & ~Ipc64);
            ShmIdSource seg = null;
            if (cmd != IpcInfo && cmd != ShmInfo)
            {
                seg = ShmFindSeg(shmid);
                if (seg == null)
                {
                    return -1;
                }
            }
            if (buf == 0 && cmd != IpcRmid)
            {
                return Fail(EINVAL);
            }
            int ret;
            switch (cmd)
            {
                case IpcStat:
                case ShmStat:
                    ret = ShmPermCheck(seg, SIrugo);
                    if (ret != 0)
                    {
                        return Fail(ret);
                    }
                    if (!UserCopy.CopyToUser(buf, seg.Ds.ToBytes()))
                    {
                        return Fail(EFAULT);
                    }
                    return cmd == ShmStat ? (seg.Ds.Seq << 16) | (shmid & 0xFFFF) : 0;
                case IpcSet:
                    if (ShmPermCheck(seg, ShmM) != 0)
                    {
                        return Fail(EPERM);
                    }
                    var perm = UserCopy.CopyFromUser(buf, IpcPermSize);
                    if (perm == null)
                    {
                        return Fail(EFAULT);
                    }
                    seg.Ds.Uid = ShmidDs.Get(perm, 4);
                    seg.Ds.Gid = ShmidDs.Get(perm, 8);
                    seg.Ds.Mode = (seg.Ds.Mode & ~AccessPerms) | (ShmidDs.Get(perm, 20) & AccessPerms);
                    seg.Ds.Ctime = 0;
                    return 0;
                case IpcRmid:
                    if (ShmPermCheck(seg, ShmM) != 0)
                    {
                        return Fail(EPERM);
                    }
                    seg.Status |= SegRemove;
                    if (seg.Ds.Nattch == 0)
                    {
                        ShmFreeSeg(seg);
                    }
                    return 0;
                case IpcInfo:
                    var info = new byte[ShminfoSize];
                    var values = Info;
                    for (var i = 0; i < values.Length; i++)
                    {
                        ShmidDs.Put(info, 4 * i, values[i]);
                    }
                    return UserCopy.CopyToUser(buf, info) ? ShmMni : Fail(EFAULT);
                case ShmInfo:
                    // shm_info: used_ids, then shm_tot, shm_rss, shm_swp and the swap counters, all 0 in the kernel.
                    var shmInfo = new byte[ShmInfoStructSize];
                    ShmidDs.Put(shmInfo, 0, (uint)ShmSegUsedCount());
                    return UserCopy.CopyToUser(buf, shmInfo) ? ShmMni : Fail(EFAULT);
                default:
                    log.Err(nameof(ShmCtl), $"the cmd({cmd}) is not supported!");
                    return Fail(EINVAL);
            }
        }

        private int ShmSegUsedCount()
        {
            var count = 0;
            foreach (var seg in segs)
            {
                if (seg.IsUsed)
                {
                    count++;
                }
            }
            return count;
        }

        // ---- ShmDt ---------------------------------------------------------------------------------------------------

        /// <summary>
        /// ShmDt (shmdt): 0, or -1 with errno. Quirk kept: the region at the address leaves the space and its mappings
        /// go before the segment is looked up, so shmdt of an ordinary mapping's base removes that mapping (its pages
        /// keep their references) and then fails with EINVAL.
        /// </summary>
        public int ShmDt(uint shmaddr)
        {
            RequireTable(nameof(ShmDt));
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
            region.IsFreed = true;
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

        // ---- the VM's hooks ------------------------------------------------------------------------------------------

        /// <summary>OsShmFork: the child's copy of an SHM region maps the same pages and counts as one more attach.</summary>
        public void OsShmFork(LosVmSpace space, LosVmMapRegion oldRegion, LosVmMapRegion newRegion)
        {
            RequireTable(nameof(OsShmFork));
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
            RequireTable(nameof(OsShmRegionFree));
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

        /// <summary>
        /// Before ShmInit (or after ShmDeinit) g_shmSegs is NULL and the kernel's next access to it is a data abort
        /// in kernel mode: a panic, which the model reports with the reason instead of touching anything.
        /// </summary>
        private void RequireTable(string function)
        {
            if (segs == null)
            {
                throw new KernelPanicException($"{function}: g_shmSegs is NULL (ShmInit has not run, or ShmDeinit freed the segment table)");
            }
        }

        private int Fail(int errno)
        {
            SetErrno(errno);
            return -1;
        }

        private uint AtFail(int errno)
        {
            SetErrno(errno);
            return uint.MaxValue;
        }

        private void SetErrno(int errno)
        {
            Errno = errno;
            ErrnoSet?.Invoke(errno);
        }
    }
}
