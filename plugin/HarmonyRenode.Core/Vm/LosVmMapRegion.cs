namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// LosVmMapRegion (los_vm_map.h, docs/memory-manager.md §3.1): a virtual range of a space with the flags its pages are mapped with.
    /// The range is mutable because the kernel resizes regions in place (brk, split, mremap).
    /// File-backed data is not modelled (no VFS); shmid is -1 except in SHM regions (Vm/Shm, ShmAt and OsShmFork set it).
    /// Once published (<see cref="VmGuestObjects"/>) every change of a field is written to its guest copy too.
    /// </summary>
    public sealed class LosVmMapRegion : LosRbNode
    {
        private VmGuestObjects? guest;
        private LosVmMapRange range;
        private uint pgOff;
        private RegionFlags regionFlags;
        private VmMapRegionType regionType;
        private uint forkFlags;
        private int shmid;
        private LosVmSpace? space;

        /// <summary>OsCreateRegion: zeroed, type NONE, forkFlags 0, shmid -1.</summary>
        public LosVmMapRegion(uint regionBase, uint size, RegionFlags regionFlags, uint pgOff)
        {
            Init(regionBase, size, regionFlags, pgOff);
        }

        /// <summary>
        /// OsCreateRegion's fields, on a new object or on the object of a freed region that vmalloc builds its next region
        /// in (<see cref="VMalloc"/>): every field as a new region has it, tree links included; its guest copy is new
        /// storage, attached after.
        /// </summary>
        internal void Init(uint regionBase, uint size, RegionFlags regionFlags, uint pgOff)
        {
            ResetLinks();
            range = new LosVmMapRange(regionBase, size);
            this.regionFlags = regionFlags;
            this.pgOff = pgOff;
            regionType = VmMapRegionType.None;
            forkFlags = 0;
            shmid = -1;
            space = null;
            IsFreed = false;
        }

        public LosVmMapRange Range
        {
            get => range;
            set
            {
                range = value;
                Store(LosVmMapRegionLayout.RangeBase, value.Base);
                Store(LosVmMapRegionLayout.RangeSize, value.Size);
            }
        }

        public uint Base => range.Base;

        public uint Size => range.Size;

        /// <summary>LOS_RegionEndAddr: base + size - 1.</summary>
        public uint EndAddr => range.End;

        /// <summary>pgOff: file page offset of the first page.</summary>
        public uint PgOff
        {
            get => pgOff;
            set
            {
                pgOff = value;
                Store(LosVmMapRegionLayout.PgOff, value);
            }
        }

        public RegionFlags RegionFlags
        {
            get => regionFlags;
            set
            {
                regionFlags = value;
                Store(LosVmMapRegionLayout.RegionFlags, (uint)value);
            }
        }

        public VmMapRegionType RegionType
        {
            get => regionType;
            set
            {
                regionType = value;
                Store(LosVmMapRegionLayout.ForkFlags, TypeWord);
            }
        }

        public uint ForkFlags
        {
            get => forkFlags;
            set
            {
                forkFlags = value & 0xFF;
                Store(LosVmMapRegionLayout.ForkFlags, TypeWord);
            }
        }

        public int Shmid
        {
            get => shmid;
            set
            {
                shmid = value;
                Store(LosVmMapRegionLayout.Shmid, unchecked((uint)value));
            }
        }

        /// <summary>The space whose tree holds the region (set by LOS_RegionAlloc).</summary>
        public LosVmSpace? Space
        {
            get => space;
            internal set
            {
                space = value;
                Store(LosVmMapRegionLayout.Space, value?.GuestAddress ?? 0);
            }
        }

        /// <summary>Set by LOS_RegionFree (the kernel frees the struct; the model keeps it to detect a second free).</summary>
        public bool IsFreed { get; internal set; }

        public uint PageCount => range.Size >> VmZone.PageShift;

        public bool IsTypeDev => regionType == VmMapRegionType.Dev;

        public bool IsTypeFile => regionType == VmMapRegionType.File;

        public bool IsShm => (regionFlags & Core.RegionFlags.Shm) != 0;

        /// <summary>The word at forkFlags: forkFlags (UINT8), regionType (UINT8), two bytes of padding (zero).</summary>
        internal uint TypeWord => forkFlags | (uint)regionType << 8;

        public void SetSize(uint size) => Range = new LosVmMapRange(range.Base, size);

        internal void Attach(VmGuestObjects objects, uint address)
        {
            guest = objects;
            GuestAddress = address;
            HasGuestCopy = true;
        }

        /// <summary>LOS_MemFree of the struct: no more writes; <see cref="LosRbNode.GuestAddress"/> stays what stale links hold.</summary>
        internal void Detach()
        {
            guest = null;
            HasGuestCopy = false;
        }

        private void Store(uint offset, uint value)
        {
            if (guest != null)
            {
                guest.Write(GuestAddress + offset, value);
            }
        }

        public override string ToString() => $"region {range} flags 0x{(uint)regionFlags:X} type {regionType}";
    }
}
