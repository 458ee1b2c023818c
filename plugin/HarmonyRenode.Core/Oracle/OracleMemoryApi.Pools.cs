using HarmonyRenode.Core.Heap;

namespace HarmonyRenode.Core.Oracle
{
    /// <summary>Private pools and look-ups: nothing the oracle tracks changes hands, so each call goes straight through.</summary>
    public sealed partial class OracleMemoryApi
    {
        public uint LOS_MemInit(uint pool, uint size) => Bare.LOS_MemInit(pool, size);

        public uint LOS_MemDeInit(uint pool) => Bare.LOS_MemDeInit(pool);

        public uint LOS_MemPoolList() => Bare.LOS_MemPoolList();

        public void LOS_MemExpandEnable(uint pool) => Bare.LOS_MemExpandEnable(pool);

        public MemPoolStatus? LOS_MemInfoGet(uint pool) => Bare.LOS_MemInfoGet(pool);

        public uint LOS_MemFreeNodeShow(uint pool) => Bare.LOS_MemFreeNodeShow(pool);

        public uint LOS_CurrSpaceGet() => Bare.LOS_CurrSpaceGet();

        public uint LOS_SpaceGet(uint vaddr) => Bare.LOS_SpaceGet(vaddr);

        public uint LOS_GetVmallocSpace() => Bare.LOS_GetVmallocSpace();

        public uint LOS_GetVmSpaceList() => Bare.LOS_GetVmSpaceList();

        public uint LOS_RegionFind(uint space, uint addr) => Bare.LOS_RegionFind(space, addr);

        public uint LOS_RegionRangeFind(uint space, uint addr, uint len) => Bare.LOS_RegionRangeFind(space, addr, len);

        public bool LOS_IsRangeInSpace(uint space, uint vaddr, uint size) => Bare.LOS_IsRangeInSpace(space, vaddr, size);

        public int LOS_VmSpaceReserve(uint space, uint size, uint vaddr) => Bare.LOS_VmSpaceReserve(space, size, vaddr);

        public uint LOS_PaddrToKVaddr(uint paddr) => Bare.LOS_PaddrToKVaddr(paddr);
    }
}
