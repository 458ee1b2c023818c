using HarmonyRenode.Core.Vm;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Vm
{
    /// <summary>
    /// The 32-bit layouts of kernel_liteos_a's structures (los_list.h, los_rbtree.h, los_mux.h, los_spinlock.h,
    /// los_arch_mmu.h, los_vm_map.h; SMP, fine lock and TZDRIVER off), worked out by hand from the declarations: every
    /// pointer, size_t, unsigned long and UINT32 is 4 bytes at a 4-byte boundary, UINT8 1, UINT16 2, and a struct is
    /// padded to a multiple of 4. firmware/runtime/vm_globals.c checks the same sizes with the ARM compiler.
    /// </summary>
    public class KernelStructLayoutTests
    {
        [Test]
        public void LOS_DL_LIST_is_prev_then_next()
        {
            // struct LOS_DL_LIST { LOS_DL_LIST *pstPrev; LOS_DL_LIST *pstNext; }
            Assert.That((LosDlListLayout.PstPrev, LosDlListLayout.PstNext, LosDlListLayout.Size), Is.EqualTo((0u, 4u, 8u)));
        }

        [Test]
        public void LosRbNode_has_the_right_link_before_the_left()
        {
            // struct TagRbNode { pstParent; pstRight; pstLeft; ULONG_T lColor; }
            Assert.That((LosRbNodeLayout.PstParent, LosRbNodeLayout.PstRight, LosRbNodeLayout.PstLeft, LosRbNodeLayout.LColor, LosRbNodeLayout.Size),
                Is.EqualTo((0u, 4u, 8u, 12u, 16u)));
        }

        [Test]
        public void LosRbTree_is_44_bytes()
        {
            // pstRoot 0 (4), stNilT 4 (16) -> 20, stWalkHead 20 (8) -> 28, ulNodes 28, pfCmpKey 32, pfFree 36, pfGetKey 40, end 44.
            Assert.That(new[] { LosRbTreeLayout.PstRoot, LosRbTreeLayout.StNilT, LosRbTreeLayout.StWalkHead, LosRbTreeLayout.UlNodes,
                LosRbTreeLayout.PfCmpKey, LosRbTreeLayout.PfFree, LosRbTreeLayout.PfGetKey, LosRbTreeLayout.Size },
                Is.EqualTo(new uint[] { 0, 4, 20, 28, 32, 36, 40, 44 }));
        }

        [Test]
        public void LosMux_is_30_bytes_padded_to_32()
        {
            // magic 0, attr 4 (four UINT8: protocol, prioceiling, type, reserved), holdList 8, muxList 16, owner 24,
            // muxCount (UINT16) 28 -> 30, padded to 32.
            Assert.That(new[] { LosMuxLayout.Magic, LosMuxLayout.AttrProtocol, LosMuxLayout.AttrPrioceiling, LosMuxLayout.AttrType,
                LosMuxLayout.AttrReserved, LosMuxLayout.HoldList, LosMuxLayout.MuxList, LosMuxLayout.Owner, LosMuxLayout.MuxCount, LosMuxLayout.Size },
                Is.EqualTo(new uint[] { 0, 4, 5, 6, 7, 8, 16, 24, 28, 32 }));
            Assert.That(LosMuxLayout.OsMuxMagic, Is.EqualTo(0xEBCFDEA0u), "OS_MUX_MAGIC, los_mux_pri.h");
        }

        [Test]
        public void LosArchMmu_is_24_bytes_with_the_spin_lock_first()
        {
            // SPIN_LOCK_S without SMP is { size_t rawLock } (4); virtTtb 4, physTtb 8, asid 12, ptList 16 (8) -> 24.
            Assert.That(new[] { LosArchMmuLayout.Lock, LosArchMmuLayout.VirtTtb, LosArchMmuLayout.PhysTtb, LosArchMmuLayout.Asid,
                LosArchMmuLayout.PtList, LosArchMmuLayout.Size }, Is.EqualTo(new uint[] { 0, 4, 8, 12, 16, 24 }));
        }

        [Test]
        public void LosVmSpace_is_136_bytes()
        {
            // node 0 (8), regionRbTree 8 (44) -> 52, regionMux 52 (32) -> 84, base 84, size 88, heapBase 92, heapNow 96,
            // heap 100, mapBase 104, mapSize 108, archMmu 112 (24) -> 136; stNilT at 8 + 4 = 12.
            Assert.That(new[] { LosVmSpaceLayout.Node, LosVmSpaceLayout.RegionRbTree, LosVmSpaceLayout.RegionMux, LosVmSpaceLayout.Base,
                LosVmSpaceLayout.SpaceSize, LosVmSpaceLayout.HeapBase, LosVmSpaceLayout.HeapNow, LosVmSpaceLayout.Heap,
                LosVmSpaceLayout.MapBase, LosVmSpaceLayout.MapSize, LosVmSpaceLayout.ArchMmu, LosVmSpaceLayout.Size, LosVmSpaceLayout.NilT },
                Is.EqualTo(new uint[] { 0, 8, 52, 84, 88, 92, 96, 100, 104, 108, 112, 136, 12 }));
        }

        [Test]
        public void LosVmMapRegion_is_64_bytes()
        {
            // rbNode 0 (16), space 16, node 20 (8) -> 28, range.base 28, range.size 32, pgOff 36, regionFlags 40, shmid 44,
            // forkFlags 48, regionType 49, union at 52 (50 rounded up to 4) of 12 bytes (rf: int, two pointers;
            // rd: a list and a pointer) -> 64.
            Assert.That(new[] { LosVmMapRegionLayout.RbNode, LosVmMapRegionLayout.Space, LosVmMapRegionLayout.Node,
                LosVmMapRegionLayout.RangeBase, LosVmMapRegionLayout.RangeSize, LosVmMapRegionLayout.PgOff, LosVmMapRegionLayout.RegionFlags,
                LosVmMapRegionLayout.Shmid, LosVmMapRegionLayout.ForkFlags, LosVmMapRegionLayout.RegionType, LosVmMapRegionLayout.UnTypeData,
                LosVmMapRegionLayout.Size }, Is.EqualTo(new uint[] { 0, 16, 20, 28, 32, 36, 40, 44, 48, 49, 52, 64 }));
        }
    }
}
