using System;
using System.Runtime.CompilerServices;

namespace HarmonyRenode.Core.Heap
{
    /// <summary>The two-level index math of los_memory.c (docs/memory-manager.md §2.1), sizes include the node head.</summary>
    public static class TlsfIndex
    {
        // The bit index is the exponent of the value converted to double (exact for every UINT32): a conversion, a
        // move and a shift, with no branch to mispredict and no table to load (netstandard2.0 has no BitOperations).

        /// <summary>OsMemFLS: index of the highest set bit (31 - CLZ); 0 for 0.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int OsMemFLS(uint value) => (int)(BitConverter.DoubleToInt64Bits(value | 1u) >> 52) - 1023;

        /// <summary>OsMemFFS: index of the lowest set bit of a non-zero word.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
