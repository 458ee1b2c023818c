namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// LosVmMapRegion (los_vm_map.h, docs/memory-manager.md §3.1): a virtual range of a space with the flags its pages are mapped with.
    /// The range is mutable because the kernel resizes regions in place (brk, split, mremap).
    /// File-backed data is not modelled (no VFS); shmid is -1 except in SHM regions (Vm/Shm, ShmAt and OsShmFork set it).
    /// </summary>
    public sealed class LosVmMapRegion : LosRbNode
    {
        /// <summary>OsCreateRegion: zeroed, type NONE, forkFlags 0, shmid -1.</summary>
        public LosVmMapRegion(uint regionBase, uint size, uint regionFlags, uint pgOff)
        {
            Init(regionBase, size, regionFlags, pgOff);
        }

        /// <summary>
        /// OsCreateRegion on the storage of a freed region (vmalloc reuses its own, as the kernel's heap would hand the
        /// same struct memory back): every field as a new region has it, tree links included.
        /// </summary>
        internal void Init(uint regionBase, uint size, uint regionFlags, uint pgOff)
        {
            Range = new LosVmMapRange(regionBase, size);
            RegionFlags = regionFlags;
            PgOff = pgOff;
            RegionType = VmMapRegionType.None;
            ForkFlags = 0;
            Shmid = -1;
            Space = null;
            IsFreed = false;
            Parent = null;
            Left = null;
            Right = null;
            Color = default;
        }

        public LosVmMapRange Range { get; set; }

        public uint Base => Range.Base;

        public uint Size => Range.Size;

        /// <summary>LOS_RegionEndAddr: base + size - 1.</summary>
        public uint EndAddr => Range.End;

        /// <summary>pgOff: file page offset of the first page.</summary>
        public uint PgOff { get; set; }

        public uint RegionFlags { get; set; }

        public VmMapRegionType RegionType { get; set; }

        public uint ForkFlags { get; set; }

        public int Shmid { get; set; }

        /// <summary>The space whose tree holds the region (set by LOS_RegionAlloc).</summary>
        public LosVmSpace Space { get; internal set; }

        /// <summary>Set by LOS_RegionFree (the kernel frees the struct; the model keeps it to detect a second free).</summary>
        public bool IsFreed { get; internal set; }

        public uint PageCount => Range.Size >> VmZone.PageShift;

        public bool IsTypeDev => RegionType == VmMapRegionType.Dev;

        public bool IsTypeFile => RegionType == VmMapRegionType.File;

        public bool IsShm => (RegionFlags & Vm.RegionFlags.Shm) != 0;

        public void SetSize(uint size) => Range = new LosVmMapRange(Range.Base, size);

        public override string ToString() => $"region {Range} flags 0x{RegionFlags:X} type {RegionType}";
    }
}
