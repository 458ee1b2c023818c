using static HarmonyRenode.Core.Heap.MemConstants;

namespace HarmonyRenode.Core.Heap
{
    /// <summary>
    /// The host copy of one node head as the model wrote it into guest RAM: a view of the node's words in its region's
    /// mirror (<see cref="MemRegion.Words"/>). The setters are the pool's, which write the guest word beside the mirror's.
    /// </summary>
    internal readonly struct MemNodeShadow
    {
        public readonly uint[] Words;
        public readonly int Index;
        public readonly uint Node;

        public MemNodeShadow(MemRegion region, uint node)
        {
            Words = region.Words;
            Index = region.IndexOf(node);
            Node = node;
        }

        public uint SizeAndFlag => Words[Index + (int)(SizeAndFlagOffset >> 2)];

        /// <summary>ptr.prev (physical predecessor) or, for a sentinel, ptr.next (next expansion region).</summary>
        public uint Ptr => Words[Index + (int)(PtrOffset >> 2)];

        /// <summary>Free-list links at node+12 / node+16, meaningful while the node is free.</summary>
        public uint FreePrev => Words[Index + (int)(FreePrevOffset >> 2)];

        public uint FreeNext => Words[Index + (int)(FreeNextOffset >> 2)];
    }
}
