namespace HarmonyRenode.Core.Heap
{
    /// <summary>The two-level index math of los_memory.c (docs/memory-manager.md §2.1), sizes include the node head.</summary>
    public static class TlsfIndex
    {
        /// <summary>OsMemFLS: index of the highest set bit (31 - CLZ).</summary>
        public static int OsMemFLS(uint value)
        {
            var n = 0;
            if (value >= 1u << 16) { n += 16; value >>= 16; }
            if (value >= 1u << 8) { n += 8; value >>= 8; }
            if (value >= 1u << 4) { n += 4; value >>= 4; }
            if (value >= 1u << 2) { n += 2; value >>= 2; }
            if (value >= 1u << 1) { n += 1; }
            return n;
        }

        /// <summary>OsMemFFS: index of the lowest set bit of a non-zero word.</summary>
        public static int OsMemFFS(uint value) => OsMemFLS(value & (~value + 1));

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
