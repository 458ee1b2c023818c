using static HarmonyRenode.Core.Vm.Shm.ShmConstants;

namespace HarmonyRenode.Core.Vm.Shm
{
    /// <summary>shm.c's segment side: ShmGet, allocation and freeing of a segment, look-ups and ShmPermCheck.</summary>
    public sealed partial class SharedMemory
    {
        /// <summary>ShmGet (shmget): the shmid, or -1 with errno.</summary>
        public int ShmGet(int key, uint size, int shmflg)
        {
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
            RequireTable("ShmAllocSegCheck");
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
            RequireTable(nameof(ShmFindSegByKey));
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
            if (size > segs![segNum].Ds.Segsz) // the caller found segNum in the table (RequireTable)
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
        private ShmIdSource? ShmFindSeg(int shmid)
        {
            if (shmid < 0 || shmid >= ShmMni)
            {
                SetErrno(EINVAL);
                return null;
            }
            RequireTable(nameof(ShmFindSeg));
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
    }
}
