namespace HarmonyRenode.Core.Heap
{
    /// <summary>
    /// Host copy of one node head as the model wrote it into guest RAM. SizeAndFlag is never 0 for a live node
    /// (free and used nodes are at least 20 bytes, sentinels carry USED|LAST), so 0 marks "no node starts here".
    /// </summary>
    internal struct MemNodeShadow
    {
        public uint SizeAndFlag;

        /// <summary>ptr.prev (physical predecessor) or, for a sentinel, ptr.next (next expansion region).</summary>
        public uint Ptr;

        /// <summary>Free-list links at node+12 / node+16, meaningful while the node is free.</summary>
        public uint FreePrev;
        public uint FreeNext;

        /// <summary>LOS_MemAllocAlign gap (aligned pointer - node - 12) while the node carries ALIGNED, else 0.</summary>
        public uint Gap;
    }
}
