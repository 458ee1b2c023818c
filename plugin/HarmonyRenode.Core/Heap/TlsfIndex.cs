namespace HarmonyRenode.Core.Heap
{
    /// <summary>The two-level index math of los_memory.c (docs/memory-manager.md §2.1), sizes include the node head.</summary>
    public static class TlsfIndex
    {
        // De Bruijn sequences (0x07C4ACDD for a word smeared below its top bit, 0x077CB531 for a single bit): the bit
        // index is one multiply and one table load, with no branch to mispredict (netstandard2.0 has no BitOperations).
        private static readonly byte[] HighBitTable =
        {
            0, 9, 1, 10, 13, 21, 2, 29, 11, 14, 16, 18, 22, 25, 3, 30, 8, 12, 20, 28, 15, 17, 24, 7, 19, 27, 23, 6, 26, 5, 4, 31,
        };

        private static readonly byte[] SingleBitTable =
        {
            0, 1, 28, 2, 29, 14, 24, 3, 30, 22, 20, 15, 25, 17, 4, 8, 31, 27, 13, 23, 21, 19, 16, 7, 26, 12, 18, 6, 11, 5, 10, 9,
        };

        /// <summary>OsMemFLS: index of the highest set bit (31 - CLZ); 0 for 0.</summary>
        public static int OsMemFLS(uint value)
        {
            value |= value >> 1;
            value |= value >> 2;
            value |= value >> 4;
            value |= value >> 8;
            value |= value >> 16;
            return HighBitTable[(value * 0x07C4ACDDu) >> 27];
        }

        /// <summary>OsMemFFS: index of the lowest set bit of a non-zero word.</summary>
        public static int OsMemFFS(uint value) => SingleBitTable[((value & (~value + 1)) * 0x077CB531u) >> 27];

        public static int OsMemFlGet(uint size) => size < MemConstants.SmallBucketMaxSize ? (int)(size >> 2) - 1 : OsMemFLS(size);

        /// <summary>sl = ((size &lt;&lt; 3) &gt;&gt; fl) - 8, in UINT32 arithmetic (docs/memory-manager.md §2.1 quirk: overflows from 512 MiB).</summary>
        public static int OsMemSlGet(uint size, int fl) => (int)(((size << MemConstants.Sli) >> fl) - MemConstants.FreeListNum);

        /// <summary>OsMemFreeListIndexGet.</summary>
        public static int OsMemFreeListIndexGet(uint size)
        {
            var fl = OsMemFlGet(size);
            if (size < MemConstants.SmallBucketMaxSize)
            {
                return fl;
            }
            return MemConstants.SmallBucketCount + ((fl - MemConstants.LargeStartBucket) << MemConstants.Sli) + OsMemSlGet(size, fl);
        }
    }
}
