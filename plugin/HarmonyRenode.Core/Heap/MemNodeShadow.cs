namespace HarmonyRenode.Core.Heap
{
    /// <summary>
    /// Host copy of one node head as the model wrote it into guest RAM. SizeAndFlag is never 0 for a live node
    /// (free and used nodes are at least 20 bytes, sentinels carry USED|LAST), so 0 marks "no node starts here".
    /// </summary>
    internal struct MemNodeShadow
    {
        public uint SizeAndFlag;

        /// <summary>ptr.prev (physical predecessor) or, for a sentinel, ptr.next (next expansion).</summary>
        public uint Ptr;

        /// <summary>Free-list links at node+12 / node+16, meaningful while the node is free.</summary>
        public uint FreePrev;
        public uint FreeNext;

        // 16 bytes, so no entry straddles a cache line: the LOS_MemAllocAlign gap of a node carrying ALIGNED (rare) is
        // kept by MemPool beside the shadow, not in every entry.
    }
}
