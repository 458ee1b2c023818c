namespace HarmonyRenode.Core.Heap
{
    /// <summary>LOS_MEM_POOL_STATUS (docs/memory-manager.md §2.8): every sentinel counts as one used node of 12 bytes.</summary>
    public readonly record struct MemPoolStatus(uint TotalUsedSize, uint TotalFreeSize, uint MaxFreeNodeSize, uint UsedNodeNum, uint FreeNodeNum)
    {
        public override string ToString() =>
            $"used 0x{TotalUsedSize:x} free 0x{TotalFreeSize:x} maxFree 0x{MaxFreeNodeSize:x} usedNodes {UsedNodeNum} freeNodes {FreeNodeNum}";
    }
}
