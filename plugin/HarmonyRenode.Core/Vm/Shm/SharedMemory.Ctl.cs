using static HarmonyRenode.Core.Vm.Shm.ShmConstants;

namespace HarmonyRenode.Core.Vm.Shm
{
    /// <summary>ShmCtl: IPC_STAT, SHM_STAT, IPC_SET, IPC_RMID, IPC_INFO, SHM_INFO.</summary>
    public sealed partial class SharedMemory
    {
        /// <summary>ShmCtl (shmctl): 0, the index (SHM_STAT) or shmmni (IPC_INFO, SHM_INFO); -1 with errno.</summary>
        public int ShmCtl(int shmid, int cmd, uint buf)
        {
            cmd = (int)((uint)cmd & ~Ipc64);
            ShmIdSource? seg = null;
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
                // seg is found for every command but IPC_INFO and SHM_INFO (above).
                case IpcStat when seg != null:
                case ShmStat when seg != null:
                    ret = ShmPermCheck(seg, SIrugo);
                    if (ret != 0)
                    {
                        return Fail(ret);
                    }
                    if (!Copy.CopyToUser(buf, seg.Ds.ToBytes()))
                    {
                        return Fail(EFAULT);
                    }
                    return cmd == ShmStat ? (seg.Ds.Seq << 16) | (shmid & 0xFFFF) : 0;
                case IpcSet when seg != null:
                    if (ShmPermCheck(seg, ShmM) != 0)
                    {
                        return Fail(EPERM);
                    }
                    var perm = Copy.CopyFromUser(buf, IpcPermSize);
                    if (perm == null)
                    {
                        return Fail(EFAULT);
                    }
                    seg.Ds.Uid = ShmidDs.Get(perm, 4);
                    seg.Ds.Gid = ShmidDs.Get(perm, 8);
                    seg.Ds.Mode = (seg.Ds.Mode & ~AccessPerms) | (ShmidDs.Get(perm, 20) & AccessPerms);
                    seg.Ds.Ctime = 0;
                    return 0;
                case IpcRmid when seg != null:
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
                    return Copy.CopyToUser(buf, info) ? ShmMni : Fail(EFAULT);
                case ShmInfo:
                    // shm_info: used_ids, then shm_tot, shm_rss, shm_swp and the swap counters, all 0 in the kernel.
                    var shmInfo = new byte[ShmInfoStructSize];
                    ShmidDs.Put(shmInfo, 0, (uint)ShmSegUsedCount());
                    return Copy.CopyToUser(buf, shmInfo) ? ShmMni : Fail(EFAULT);
                default:
                    log.Err(nameof(ShmCtl), $"the cmd({cmd}) is not supported!");
                    return Fail(EINVAL);
            }
        }

        private int ShmSegUsedCount()
        {
            var count = 0;
            RequireTable(nameof(ShmSegUsedCount));
            foreach (var seg in segs)
            {
                if (seg.IsUsed)
                {
                    count++;
                }
            }
            return count;
        }
    }
}
