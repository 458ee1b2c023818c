namespace HarmonyRenode.Core.Heap
{
    /// <summary>LOS_MEM_POOL_STATUS (docs/memory-manager.md §2.8): every sentinel counts as one used node of 12 bytes.</summary>
    public readonly struct MemPoolStatus
    {
        public MemPoolStatus(uint totalUsedSize, uint totalFreeSize, uint maxFreeNodeSize, uint usedNodeNum, uint freeNodeNum)
        {
            TotalUsedSize = totalUsedSize;
            TotalFreeSize = totalFreeSize;
            MaxFreeNodeSize = maxFreeNodeSize;
            UsedNodeNum = usedNodeNum;
            FreeNodeNum = freeNodeNum;
        }

        public uint TotalUsedSize { get; }
        public uint TotalFreeSize { get; }
        public uint MaxFreeNodeSize { get; }
        public uint UsedNodeNum { get; }
        public uint FreeNodeNum { get; }

        public override string ToString() =>
            $"used 0x{TotalUsedSize:x} free 0x{TotalFreeSize:x} maxFree 0x{MaxFreeNodeSize:x} usedNodes {UsedNodeNum} freeNodes {FreeNodeNum}";
    }
}
