using System.Collections.Generic;
using HarmonyRenode.Core.Heap;

namespace HarmonyRenode.Core.Tests.Heap
{
    /// <summary>A bump page allocator over a window of kernel VAs: enough to see what the heap asks for.</summary>
    public sealed class FakeContiguousPages : IContiguousPages
    {
        private readonly uint limit;
        private uint cursor;

        public FakeContiguousPages(uint start, int capacityPages)
        {
            cursor = start;
            Start = start;
            limit = start + (uint)capacityPages * 0x1000;
        }

        public uint Start { get; }

        public Dictionary<uint, int> Allocated { get; } = new Dictionary<uint, int>();

        public List<(uint Kva, int NPages)> Freed { get; } = new List<(uint, int)>();

        public uint AllocContiguous(int nPages)
        {
            if (nPages <= 0 || cursor + (uint)nPages * 0x1000 > limit)
            {
                return 0;
            }
            var kva = cursor;
            cursor += (uint)nPages * 0x1000;
            Allocated[kva] = nPages;
            return kva;
        }

        public bool TryGetNPages(uint kva, out int nPages)
        {
            nPages = 0;
            if (kva < Start || kva >= limit)
            {
                return false;
            }
            Allocated.TryGetValue(kva & ~0xFFFu, out nPages);
            return true;
        }

        public void FreeContiguous(uint kva, int nPages)
        {
            Allocated.Remove(kva & ~0xFFFu);
            Freed.Add((kva, nPages));
        }
    }
}
