using System.Collections.Generic;

namespace HarmonyRenode.Core.Reporting
{
    /// <summary>The model's figures at one guest time: what the trace's counter tracks and the report's charts show.</summary>
    public sealed class CounterSample
    {
        public ulong Time { get; set; }

        /// <summary>Σ free blocks × 2^order, as `pmm` prints "free".</summary>
        public int FreePages { get; set; }

        /// <summary>freeList[order].Count for orders 0..8.</summary>
        public int[] FreeBlocks { get; set; } = System.Array.Empty<int>();

        /// <summary>LOS_MemTotalUsedGet of the system pool (as `free` prints "heap").</summary>
        public uint HeapUsed { get; set; }

        /// <summary>The pool's size (LOS_MemPoolSizeGet) minus <see cref="HeapUsed"/>.</summary>
        public uint HeapFree { get; set; }

        /// <summary>The largest free node of the pool (LOS_MemInfoGet's uwMaxFreeNodeSize).</summary>
        public uint HeapLargestFree { get; set; }

        /// <summary>Mapped pages of every live space by ASID (the "pages" column of `vmm`).</summary>
        public IReadOnlyDictionary<uint, int> MappedPages { get; set; } = new Dictionary<uint, int>();

        /// <summary>Largest free block / total free: 1 when the free heap is one block, towards 0 when it is scattered.</summary>
        public double HeapLargestFreeShare => HeapFree == 0 ? 1 : (double)HeapLargestFree / HeapFree;
    }
}
