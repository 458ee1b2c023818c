namespace HarmonyRenode.Core.Heap
{
    /// <summary>One node of the pool as the shadow holds it, for the invariant checker and diagnostics.</summary>
    /// <param name="Span">0 = the initial pool, 1.. = expansions in sentinel-chain order.</param>
    /// <param name="Ptr">Physical predecessor (0 for the pool's first node) or, for a sentinel, the next span.</param>
    /// <param name="Gap">Aligned allocation: user pointer = Address + 12 + Gap; 0 otherwise.</param>
    public readonly record struct MemNodeInfo(int Span, uint Address, uint SizeAndFlag, uint Ptr, uint FreePrev, uint FreeNext, uint Gap)
    {
        public uint Size => MemConstants.NodeSize(SizeAndFlag);
        public bool IsUsed => (SizeAndFlag & MemConstants.UsedFlag) != 0;
        public bool IsAligned => (SizeAndFlag & MemConstants.AlignedFlag) != 0;
        public bool IsSentinel => (SizeAndFlag & MemConstants.LastFlag) != 0;
        public uint UserPointer => Address + MemConstants.NodeHeadSize + Gap;

        public override string ToString() =>
            $"node 0x{Address:x8} size 0x{Size:x}{(IsUsed ? " used" : " free")}{(IsAligned ? " aligned" : "")}{(IsSentinel ? " sentinel" : "")}";
    }
}
