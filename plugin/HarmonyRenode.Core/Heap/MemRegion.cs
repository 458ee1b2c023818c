namespace HarmonyRenode.Core.Heap
{
    /// <summary>
    /// One contiguous stretch of the pool: the initial pool (after its 936-byte head) or an expansion region
    /// (docs/memory-manager.md §2.7). Shadow entries are indexed by word offset from the first node so lookups are array reads.
    /// </summary>
    internal sealed class MemRegion
    {
        public MemRegion(uint start, uint firstNode, uint size)
        {
            Start = start;
            FirstNode = firstNode;
            Size = size;
            Sentinel = start + size - MemConstants.NodeHeadSize;
            LastOffset = Sentinel - FirstNode;
            Nodes = new MemNodeShadow[((Sentinel - FirstNode) >> 2) + 1];
        }

        public uint Start { get; }

        public uint FirstNode { get; }

        /// <summary>Bytes of the region (for the main pool: totalSize, head included).</summary>
        public uint Size { get; }

        /// <summary>The end node: OS_MEM_END_NODE(start, size).</summary>
        public uint Sentinel { get; }

        public MemNodeShadow[] Nodes { get; }

        /// <summary>Sentinel - FirstNode: addr lies in the region when (addr - FirstNode) is at most this (unsigned).</summary>
        public readonly uint LastOffset;

        /// <summary>OS_MEM_MIDDLE_ADDR(firstNode, addr, endNode): both ends inclusive.</summary>
        public bool Contains(uint addr) => addr >= FirstNode && addr <= Sentinel;

        public int IndexOf(uint addr) => (int)((addr - FirstNode) >> 2);
    }
}
