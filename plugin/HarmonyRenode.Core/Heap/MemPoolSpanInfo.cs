namespace HarmonyRenode.Core.Heap
{
    /// <summary>A span of the pool: the initial pool or an expansion taken from contiguous pages (docs/memory-manager.md §2.7).</summary>
    public readonly struct MemPoolSpanInfo
    {
        public MemPoolSpanInfo(uint start, uint firstNode, uint size, uint sentinel)
        {
            Start = start;
            FirstNode = firstNode;
            Size = size;
            Sentinel = sentinel;
        }

        public uint Start { get; }
        public uint FirstNode { get; }
        public uint Size { get; }
        public uint Sentinel { get; }

        public override string ToString() => $"span 0x{Start:x8} size 0x{Size:x}";
    }
}
