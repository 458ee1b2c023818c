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
        internal Faults.IFaultSpace FaultView;

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

        public uint HeapBase { get; set; }

        public uint HeapNow { get; set; }

        /// <summary>The brk heap region (null until the first brk).</summary>
        public LosVmMapRegion Heap { get; set; }

        public uint MapBase { get; set; }

        public uint MapSize { get; set; }

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
                if (ArchMmu.LOS_ArchMmuQuery(region.Base + (i << VmZone.PageShift), out _, out _) == VmStatus.NoError)
                {
                    count++;
                }
            }
            return count;
        }

        /// <summary>Sum of <see cref="MappedPageCount"/> over all regions (the "pages" column of vmm).</summary>
        public int MappedPageCount() => Regions.Sum(MappedPageCount);

        public override string ToString() => $"{Kind} space 0x{Base:X8}+0x{Size:X}";
    }
}
