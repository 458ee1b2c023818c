namespace HarmonyRenode.Core.Vm
{
    // The 32-bit layouts of the kernel structures the model keeps in guest RAM (kernel_liteos_a: kernel/include/los_list.h,
    // lib/libscrew/include/los_rbtree.h, kernel/include/los_mux.h, kernel/include/los_spinlock.h,
    // arch/arm/arm/include/los_arch_mmu.h, kernel/base/include/los_vm_map.h), with the configuration
    // docs/memory-manager.md assumes: LOSCFG_KERNEL_SMP, LOSCFG_PAGE_TABLE_FINE_LOCK and LOSCFG_DRIVERS_TZDRIVER off.
    // ARM AAPCS: pointers, size_t, unsigned long and UINT32 are 4 bytes aligned to 4; UINT16 2; UINT8 1; a struct is
    // as aligned as its widest member and padded to a multiple of it.

    /// <summary>LOS_DL_LIST {pstPrev, pstNext}: 8 bytes. An empty list head points at itself both ways.</summary>
    public static class LosDlListLayout
    {
        public const uint PstPrev = 0;
        public const uint PstNext = 4;
        public const uint Size = 8;
    }

    /// <summary>LosRbNode {pstParent, pstRight, pstLeft, lColor}: 16 bytes (note: right before left).</summary>
    public static class LosRbNodeLayout
    {
        public const uint PstParent = 0;
        public const uint PstRight = 4;
        public const uint PstLeft = 8;
        public const uint LColor = 12;
        public const uint Size = 16;
    }

    /// <summary>LosRbTree {pstRoot, stNilT, stWalkHead, ulNodes, pfCmpKey, pfFree, pfGetKey}: 4 + 16 + 8 + 4 + 3*4 = 44 bytes.</summary>
    public static class LosRbTreeLayout
    {
        public const uint PstRoot = 0;
        public const uint StNilT = 4;
        public const uint StWalkHead = StNilT + LosRbNodeLayout.Size;        // 20
        public const uint UlNodes = StWalkHead + LosDlListLayout.Size;       // 28
        public const uint PfCmpKey = UlNodes + 4;                            // 32
        public const uint PfFree = PfCmpKey + 4;                             // 36
        public const uint PfGetKey = PfFree + 4;                             // 40
        public const uint Size = PfGetKey + 4;                               // 44
    }

    /// <summary>
    /// LosMux {magic, attr {protocol, prioceiling, type, reserved: UINT8}, holdList, muxList, owner, muxCount: UINT16}:
    /// 4 + 4 + 8 + 8 + 4 + 2 = 30, padded to 32.
    /// </summary>
    public static class LosMuxLayout
    {
        public const uint Magic = 0;
        public const uint AttrProtocol = 4;
        public const uint AttrPrioceiling = 5;
        public const uint AttrType = 6;
        public const uint AttrReserved = 7;
        public const uint HoldList = 8;
        public const uint MuxList = HoldList + LosDlListLayout.Size;         // 16
        public const uint Owner = MuxList + LosDlListLayout.Size;            // 24
        public const uint MuxCount = Owner + 4;                              // 28
        public const uint Size = 32;

        /// <summary>OS_MUX_MAGIC (los_mux_pri.h).</summary>
        public const uint OsMuxMagic = 0xEBCFDEA0;

        /// <summary>LOS_MuxAttrInit: protocol PRIO_INHERIT (1), prioceiling OS_TASK_PRIORITY_LOWEST (31), type DEFAULT (= RECURSIVE, 1).</summary>
        public const uint DefaultProtocol = 1;
        public const uint DefaultPrioceiling = 31;
        public const uint DefaultType = 1;
    }

    /// <summary>
    /// LosArchMmu {lock: SPIN_LOCK_S = {size_t rawLock} without SMP, virtTtb, physTtb, asid, ptList}: 4 + 4 + 4 + 4 + 8 = 24 bytes.
    /// </summary>
    public static class LosArchMmuLayout
    {
        public const uint Lock = 0;
        public const uint VirtTtb = 4;
        public const uint PhysTtb = 8;
        public const uint Asid = 12;
        public const uint PtList = 16;
        public const uint Size = PtList + LosDlListLayout.Size;              // 24
    }

    /// <summary>
    /// LosVmSpace {node, regionRbTree, regionMux, base, size, heapBase, heapNow, heap, mapBase, mapSize, archMmu}:
    /// 8 + 44 + 32 + 7*4 + 24 = 136 bytes.
    /// </summary>
    public static class LosVmSpaceLayout
    {
        public const uint Node = 0;
        public const uint RegionRbTree = Node + LosDlListLayout.Size;                    // 8
        public const uint RegionMux = RegionRbTree + LosRbTreeLayout.Size;               // 52
        public const uint Base = RegionMux + LosMuxLayout.Size;                          // 84
        public const uint SpaceSize = Base + 4;                                          // 88
        public const uint HeapBase = SpaceSize + 4;                                      // 92
        public const uint HeapNow = HeapBase + 4;                                        // 96
        public const uint Heap = HeapNow + 4;                                            // 100
        public const uint MapBase = Heap + 4;                                            // 104
        public const uint MapSize = MapBase + 4;                                         // 108
        public const uint ArchMmu = MapSize + 4;                                         // 112
        public const uint Size = ArchMmu + LosArchMmuLayout.Size;                        // 136

        /// <summary>&amp;space->regionRbTree.stNilT: what the links of a tree's leaves point at.</summary>
        public const uint NilT = RegionRbTree + LosRbTreeLayout.StNilT;                  // 12
    }

    /// <summary>
    /// LosVmMapRegion {rbNode, space, node, range {base, size}, pgOff, regionFlags, shmid, forkFlags: UINT8,
    /// regionType: UINT8, unTypeData}: the union's widest members are rf {f_oflags, vnode, vmFOps} and
    /// rd {LOS_DL_LIST, vmFOps}, 12 bytes, aligned to 4 after the two bytes: 50 rounded to 52, + 12 = 64 bytes.
    /// </summary>
    public static class LosVmMapRegionLayout
    {
        public const uint RbNode = 0;
        public const uint Space = RbNode + LosRbNodeLayout.Size;                         // 16
        public const uint Node = Space + 4;                                              // 20
        public const uint RangeBase = Node + LosDlListLayout.Size;                       // 28
        public const uint RangeSize = RangeBase + 4;                                     // 32
        public const uint PgOff = RangeSize + 4;                                         // 36
        public const uint RegionFlags = PgOff + 4;                                       // 40
        public const uint Shmid = RegionFlags + 4;                                       // 44
        public const uint ForkFlags = Shmid + 4;                                         // 48
        public const uint RegionType = ForkFlags + 1;                                    // 49
        public const uint UnTypeData = 52;
        public const uint UnTypeDataSize = 12;
        public const uint Size = UnTypeData + UnTypeDataSize;                            // 64
    }
}
