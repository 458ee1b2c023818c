using HarmonyRenode.Core.Pages;

namespace HarmonyRenode.Core.Vm.Shm
{
    /// <summary>
    /// struct shmIDSource (los_vm_shm_pri.h): one entry of the segment table, its shmid_ds, status bits and the list
    /// of its pages (the pages' own list node, as LOS_PhysPagesAlloc links them).
    /// </summary>
    public sealed class ShmIdSource
    {
        public ShmIdSource(int index)
        {
            Index = index;
            Pages = new PageList($"shm segment {index}");
        }

        /// <summary>The shmid: position in the table.</summary>
        public int Index { get; }

        public ShmidDs Ds { get; } = new ShmidDs();

        /// <summary>SHM_SEG_FREE / SHM_SEG_USED / SHM_SEG_REMOVE bits.</summary>
        public uint Status { get; set; }

        public PageList Pages { get; }

        public bool IsUsed => (Status & ShmConstants.SegUsed) != 0;

        public bool IsRemoved => (Status & ShmConstants.SegRemove) != 0;

        public override string ToString() => $"shm segment {Index} key 0x{Ds.Key:x8} status 0x{Status:x} size 0x{Ds.Segsz:x} nattch {Ds.Nattch}";
    }
}
