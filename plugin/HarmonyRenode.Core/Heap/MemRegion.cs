namespace HarmonyRenode.Core.Heap
{
    /// <summary>
    /// One contiguous stretch of the pool: the initial pool (after its 936-byte head) or an expansion region
    /// (docs/memory-manager.md §2.7). Its shadow is a mirror of the region's words as the model wrote them, laid out
    /// as guest RAM is (one host word per guest word from the first node on), so a node head and the guest's copy of
    /// it sit at the same offsets and a node access touches as much host memory as the kernel's C code does.
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
            var words = (int)(LastOffset >> 2) + (int)(MemConstants.NodeHeadSize >> 2);
            Words = new uint[words];
            Starts = new ulong[(words + 63) >> 6];
        }

        public uint Start { get; }

        public uint FirstNode { get; }

        /// <summary>Bytes of the region (for the main pool: totalSize, head included).</summary>
        public uint Size { get; }

        /// <summary>The end node: OS_MEM_END_NODE(start, size).</summary>
        public uint Sentinel { get; }

        /// <summary>
        /// Word i is the model's value of the guest word at FirstNode + 4i: the ptr and sizeAndFlag of every node head,
        /// the free-list links of free nodes, the gap word of aligned blocks. Words of the guest's payload are 0 or
        /// stale; only <see cref="Starts"/> and the node's flags say which words mean something.
        /// </summary>
        public readonly uint[] Words;

        /// <summary>One bit per word: set where a node head starts (what "a node starts here" means for a pointer).</summary>
        public readonly ulong[] Starts;

        /// <summary>Sentinel - FirstNode: addr lies in the region when (addr - FirstNode) is at most this (unsigned).</summary>
        public readonly uint LastOffset;

        /// <summary>OS_MEM_MIDDLE_ADDR(firstNode, addr, endNode): both ends inclusive.</summary>
        public bool Contains(uint addr) => addr >= FirstNode && addr <= Sentinel;

        public int IndexOf(uint addr) => (int)((addr - FirstNode) >> 2);

        /// <summary>True when a node head starts at the (4-byte aligned, in-region) address.</summary>
        public bool IsNodeStart(uint addr)
        {
            var i = IndexOf(addr);
            return (Starts[i >> 6] & (1UL << (i & 63))) != 0;
        }

        public void MarkNodeStart(uint addr, bool start)
        {
            var i = IndexOf(addr);
            if (start)
            {
                Starts[i >> 6] |= 1UL << (i & 63);
            }
            else
            {
                Starts[i >> 6] &= ~(1UL << (i & 63));
            }
        }
    }
}
