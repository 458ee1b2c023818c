using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Facade
{
    /// <summary>
    /// Exact heap addresses of a sequence that mixes LOS_MemAlloc with space and region creation, worked out from the
    /// kernel's sizes and order (kernel_liteos_a: los_memory.c, los_vm_map.c, los_arch_mmu.c OsInitMappingStartUp):
    /// the system pool starts at __bss_end = 0x40100000 (the default image end); its head is 936 bytes and every node
    /// head 12 (OsMemAlloc allocates ALIGN(size + 12, 4) and returns node + 12); sizeof(LosVmSpace) = 136 (node of
    /// 148 = 0x94), sizeof(LosVmMapRegion) = 64 (node of 76 = 0x4C). TLSF takes the smallest free block that fits.
    /// </summary>
    public class GuestObjectAddressTests
    {
        private const uint PoolStart = 0x40100000;
        private const uint FirstNode = PoolStart + 936;             // 0x401003A8
        // OsSwitchTmpTTB: LOS_MemAllocAlign(pool, 0x4000, 0x4000) = OsMemAlloc(0x4000 + 0x4000 - 4) -> node of
        // ALIGN(0x7FFC + 12, 4) = 0x8008 bytes at the first node; the four boot regions follow it.
        private const uint TmpTtbNodeSize = 0x8008;
        private const uint RegionNode = 0x4C;
        private const uint SpaceNode = 0x94;
        private const uint FirstRegionNode = FirstNode + TmpTtbNodeSize;  // 0x401083B0

        [Test]
        public void Boot_leaves_four_regions_behind_the_freed_temporary_table()
        {
            var m = new ManagerFixture().Api;

            var kernelRegions = m.Model.Vm.Spaces.KernelSpace.Regions.Select(r => r.GuestAddress).OrderBy(a => a);

            // OsSetKSectionAttr reserves text, rodata, data+bss and the managed rest in that order, one after the other.
            Assert.That(kernelRegions, Is.EqualTo(new uint[] { 0x401083BC, 0x40108408, 0x40108454, 0x401084A0 }));
            Assert.That(m.Model.Heap.LOS_MemTotalUsedGet(), Is.EqualTo(4 * RegionNode + 12), "the four region nodes and the end node (LOS_MemTotalUsedGet does not count the pool head)");
        }

        [Test]
        public void Heap_blocks_spaces_and_regions_share_the_pool_as_on_the_kernel()
        {
            var f = new ManagerFixture();
            var m = f.Api;
            var pool = m.SystemPool;
            const uint userFlags = (uint)(RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite);

            // The 0x8008-byte block the temporary table left is the smallest that fits: the first block is the pool's first.
            var a = m.LOS_MemAlloc(pool, 100);                    // node 0x70 at 0x401003A8
            Assert.That(a, Is.EqualTo(FirstNode + 12), "0x401003B4");

            // OsCreateUserVmSpace: LOS_MemAlloc(136) before the L1 page, from the rest of that block.
            var space = m.OsCreateUserVmSpace();                   // node at 0x401003A8 + 0x70 = 0x40100418
            Assert.That(space, Is.EqualTo(FirstNode + 0x70 + 12), "0x40100424");

            // LOS_RegionAlloc: OsCreateRegion's LOS_MemAlloc(64) once the range is found.
            var r1 = m.LOS_RegionAlloc(space, 0, 0x1000, userFlags, 0);   // node at 0x40100418 + 0x94 = 0x401004AC
            Assert.That(r1, Is.EqualTo(FirstNode + 0x70 + SpaceNode + 12), "0x401004B8");

            // 0x8000 bytes (node 0x800C) do not fit what is left of the first block (0x8008 - 0x70 - 0x94 - 0x4C =
            // 0x7EB8): they come from the big block behind the four boot regions.
            var big = m.LOS_MemAlloc(pool, 0x8000);
            Assert.That(big, Is.EqualTo(FirstRegionNode + 4 * RegionNode + 12), "0x401084EC");

            // A vmalloc region is a LosVmMapRegion too: after r1 in the first block.
            var v = m.LOS_VMalloc(0x2000);
            var vRegion = m.LOS_RegionFind(m.LOS_GetVmallocSpace(), v);
            Assert.That(vRegion, Is.EqualTo(r1 + RegionNode), "0x40100504");

            // LOS_RegionFree gives the 64 bytes back; the next region gets them again.
            Assert.That(m.LOS_RegionFree(space, r1), Is.Zero);
            var r2 = m.LOS_RegionAlloc(space, 0, 0x1000, userFlags, 0);
            Assert.That(r2, Is.EqualTo(r1));

            // LOS_VmSpaceFree frees r2 and the space; with a, the vmalloc region still there, the next 136-byte
            // block is the space's old one (the freed space and region merged into one free block of 0x94 + 0x4C).
            Assert.That(m.LOS_VmSpaceFree(space), Is.Zero);
            Assert.That(m.LOS_MemAlloc(pool, 136), Is.EqualTo(space));
            Assert.That(m.Model.CheckInvariants(), Is.Empty);
        }
    }
}
