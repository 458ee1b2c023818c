using System.Collections.Generic;
using System.Linq;
using HarmonyRenode.Core.Mmu;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// LosVmSpace (los_vm_map.h, docs/memory-manager.md §3.1-3.2): an address space, its regions in an RB tree keyed by range with the
    /// asymmetric comparator, the brk heap and mmap window, and the ArchMmu holding its translation tables.
    /// Created through <see cref="VmSpaces"/> (OsKernVmSpaceInit / OsVMallocSpaceInit / OsCreateUserVmSpace).
    /// </summary>
    public sealed class LosVmSpace
    {
        /// <summary>The fault handler's view of this space, made once (faults must not allocate).</summary>

        private VmGuestObjects? guest;
        private uint heapBase;
        private uint heapNow;
        private LosVmMapRegion? heap;
        private uint mapBase;
        private uint mapSize;

        internal LosVmSpace(VmSpaceKind kind, uint spaceBase, uint size, uint mapBase, uint mapSize, ArchMmu archMmu)
        {
            Kind = kind;
            Base = spaceBase;
            Size = size;
            MapBase = mapBase;
            MapSize = mapSize;
            ArchMmu = archMmu;
            RegionRbTree = new LosRbTree<LosVmMapRange>(node => ((LosVmMapRegion)node).Range,
                RegionRangeComparer.OsRegionRbCmpKeyFn);
        }

        public VmSpaceKind Kind { get; }

        public uint Base { get; }

        public uint Size { get; }

        /// <summary>Kernel VA of the LosVmSpace in guest RAM (the guest's value for this space), 0 while it has none.</summary>
        public uint GuestAddress { get; private set; }

        public uint HeapBase
        {
            get => heapBase;
            set
            {
                heapBase = value;
                Store(LosVmSpaceLayout.HeapBase, value);
            }
        }

        public uint HeapNow
        {
            get => heapNow;
            set
            {
                heapNow = value;
                Store(LosVmSpaceLayout.HeapNow, value);
            }
        }

        /// <summary>The brk heap region (null until the first brk).</summary>
        public LosVmMapRegion? Heap
        {
            get => heap;
            set
            {
                heap = value;
                HeapPointer = value?.GuestAddress ?? 0;
                Store(LosVmSpaceLayout.Heap, HeapPointer);
            }
        }

        /// <summary>space->heap as the guest holds it: the region's address when it was set (kept after that region is freed, as in the kernel).</summary>
        public uint HeapPointer { get; private set; }

        public uint MapBase
        {
            get => mapBase;
            set
            {
                mapBase = value;
                Store(LosVmSpaceLayout.MapBase, value);
            }
        }

        public uint MapSize
        {
            get => mapSize;
            set
            {
                mapSize = value;
                Store(LosVmSpaceLayout.MapSize, value);
            }
        }

        public ArchMmu ArchMmu { get; }

        public LosRbTree<LosVmMapRange> RegionRbTree { get; }

        /// <summary>False once LOS_VmSpaceFree ran (the kernel frees the struct; the model keeps the object inert).</summary>
        public bool IsLive { get; internal set; } = true;

        /// <summary>OsIsVmRegionEmpty: ulNodes == 0.</summary>
        public bool IsRegionEmpty => RegionRbTree.NodeCount == 0;

        /// <summary>Regions in ascending address order (RB_SCAN), a snapshot safe to modify the tree while iterating.</summary>
        public IReadOnlyList<LosVmMapRegion> Regions => RegionRbTree.ScanSafe().Cast<LosVmMapRegion>().ToList();

        /// <summary>Number of pages of <paramref name="region"/> that have a translation in this space's tables.</summary>
        public int MappedPageCount(LosVmMapRegion region)
        {
            var count = 0;
            for (uint i = 0; i < region.PageCount; i++)
            {
                if (ArchMmu.LOS_ArchMmuQuery(region.Base + (i << VmZone.PageShift)).IsMapped)
                {
                    count++;
                }
            }
            return count;
        }

        /// <summary>Sum of <see cref="MappedPageCount"/> over all regions (the "pages" column of vmm).</summary>
        public int MappedPageCount() => Regions.Sum(MappedPageCount);

        internal void Attach(VmGuestObjects objects, uint address)
        {
            guest = objects;
            GuestAddress = address;
        }

        internal void Detach()
        {
            guest = null;
            GuestAddress = 0;
        }

        private void Store(uint offset, uint value)
        {
            if (guest != null)
            {
                guest.Write(GuestAddress + offset, value);
            }
        }

        public override string ToString() => $"{Kind} space 0x{Base:X8}+0x{Size:X}";
    }
}
