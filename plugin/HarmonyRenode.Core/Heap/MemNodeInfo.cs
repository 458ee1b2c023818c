namespace HarmonyRenode.Core.Heap
{
    /// <summary>One node of the pool as the shadow holds it, for the invariant checker and diagnostics.</summary>
    public readonly struct MemNodeInfo
    {
        public MemNodeInfo(int span, uint address, uint sizeAndFlag, uint ptr, uint freePrev, uint freeNext, uint gap)
        {
            Span = span;
            Address = address;
            SizeAndFlag = sizeAndFlag;
            Ptr = ptr;
            FreePrev = freePrev;
            FreeNext = freeNext;
            Gap = gap;
        }

        /// <summary>0 = the initial pool, 1.. = expansions in sentinel-chain order.</summary>
        public int Span { get; }
        public uint Address { get; }
        public uint SizeAndFlag { get; }

        /// <summary>Physical predecessor (0 for the pool's first node) or, for a sentinel, the next span.</summary>
        public uint Ptr { get; }
        public uint FreePrev { get; }
        public uint FreeNext { get; }

        /// <summary>Aligned allocation: user pointer = Address + 12 + Gap; 0 otherwise.</summary>
        public uint Gap { get; }

        public uint Size => MemConstants.NodeSize(SizeAndFlag);
        public bool IsUsed => (SizeAndFlag & MemConstants.UsedFlag) != 0;
        public bool IsAligned => (SizeAndFlag & MemConstants.AlignedFlag) != 0;
        public bool IsSentinel => (SizeAndFlag & MemConstants.LastFlag) != 0;
        public uint UserPointer => Address + MemConstants.NodeHeadSize + Gap;

        public override string ToString() =>
            $"node 0x{Address:x8} size 0x{Size:x}{(IsUsed ? " used" : " free")}{(IsAligned ? " aligned" : "")}{(IsSentinel ? " sentinel" : "")}";
    }
}
