namespace HarmonyRenode.Core.Heap
{
    /// <summary>
    /// One contiguous stretch of the pool: the initial pool (after its 936-byte head) or an expansion
    /// (docs/memory-manager.md §2.7). Shadow entries are indexed by 16-byte granule from the first node so lookups are
    /// array reads: every node but the end sentinel is at least 20 bytes (head 12 + the 8-byte minimum allocation), so at
    /// most one node starts in a granule, and the shadow is as large as the span instead of four times larger (the
    /// heap's shadow and guest lines then share the first-level cache). Which address in the granule is the node's own
    /// is told by its neighbours (MemPool.StartsAt).
    /// </summary>
    internal sealed class MemPoolSpan
    {
        public MemPoolSpan(uint start, uint firstNode, uint size)
        {
            Start = start;
            FirstNode = firstNode;
            Size = size;
            Sentinel = start + size - MemConstants.NodeHeadSize;
            LastOffset = Sentinel - FirstNode;
            Nodes = new MemNodeShadow[(LastOffset >> GranuleShift) + 1];
        }

        public uint Start { get; }

        public uint FirstNode { get; }

        /// <summary>Bytes of the span (for the main pool: totalSize, head included).</summary>
        public uint Size { get; }

        /// <summary>The end node: OS_MEM_END_NODE(start, size).</summary>
        public uint Sentinel { get; }

        public MemNodeShadow[] Nodes { get; }

        /// <summary>Sentinel - FirstNode: addr lies in the span when (addr - FirstNode) is at most this (unsigned).</summary>
        public readonly uint LastOffset;

        /// <summary>OS_MEM_MIDDLE_ADDR(firstNode, addr, endNode): both ends inclusive.</summary>
        public bool Contains(uint addr) => addr >= FirstNode && addr <= Sentinel;

        /// <summary>log2 of the shadow's granule (16 bytes).</summary>
        public const int GranuleShift = 4;

        public int IndexOf(uint addr) => (int)((addr - FirstNode) >> GranuleShift);
    }
}
