using System;
using System.Collections.Generic;
using System.Linq;
using HarmonyRenode.Core.Heap;
using HarmonyRenode.Core.Tests.Pages;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Heap
{
    public class HeapRandomizedTests
    {
        [Test]
        public void Mixed_heap_operations_keep_shadow_guest_and_free_lists_consistent()
        {
            var f = new PhysFixture();
            var heap = SystemHeap.OsKHeapInit(f.Phys, f.Layout);
            var bootFreePages = f.Phys.FreePageCount;
            var rng = new Random(12345);
            var live = new List<(uint Ptr, uint Size, uint Pattern)>();

            for (var step = 0; step < 2000; step++)
            {
                var op = rng.Next(10);
                if (op < 5 || live.Count == 0)
                {
                    var size = (uint)(rng.Next(4) == 0 ? rng.Next(1, 200000) : rng.Next(1, 600));
                    var ptr = rng.Next(5) == 0 ? heap.LOS_MemAllocAlign(size, 1u << rng.Next(2, 10)) : heap.LOS_MemAlloc(size);
                    Assert.That(ptr, Is.Not.Zero, $"step {step}");
                    var pattern = size >= 4 ? (uint)rng.Next() : 0;
                    Poke(f, ptr, size, pattern);
                    live.Add((ptr, size, pattern));
                }
                else if (op < 9)
                {
                    var i = rng.Next(live.Count);
                    Assert.That(Peek(f, live[i].Ptr, live[i].Size), Is.EqualTo(live[i].Pattern), $"step {step}: payload intact");
                    Assert.That(heap.LOS_MemFree(live[i].Ptr), Is.EqualTo(LosReturn.Ok), $"step {step}");
                    live.RemoveAt(i);
                }
                else
                {
                    var i = rng.Next(live.Count);
                    var size = (uint)rng.Next(1, 3000);
                    // docs/memory-manager.md §2.6 quirk: an aligned block comes back at its real pointer, payload shifted by the gap.
                    var wasAligned = heap.AlignedPointers.ContainsKey(live[i].Ptr);
                    var r = heap.LOS_MemRealloc(live[i].Ptr, size);
                    Assert.That(r, Is.Not.Zero, $"step {step}");
                    if (size >= 4 && !wasAligned)
                    {
                        Assert.That(Peek(f, r, Math.Min(size, live[i].Size)), Is.EqualTo(live[i].Pattern), $"step {step}: realloc kept data");
                    }
                    var kept = size >= 4 ? live[i].Pattern : 0;
                    Poke(f, r, size, kept);
                    live[i] = (r, size, kept);
                }
                AssertConsistent(heap);
            }

            foreach (var (ptr, _, _) in live)
            {
                Assert.That(heap.LOS_MemFree(ptr), Is.EqualTo(LosReturn.Ok));
            }
            AssertConsistent(heap);
            Assert.That(heap.Regions, Has.Count.EqualTo(1), "every expansion shrank back");
            Assert.That(f.Phys.FreePageCount, Is.EqualTo(bootFreePages));
            Assert.That(heap.LOS_MemInfoGet().FreeNodeNum, Is.EqualTo(1u));
        }

        private static void Poke(PhysFixture f, uint ptr, uint size, uint pattern)
        {
            if (size >= 4)
            {
                f.Memory.WriteUInt32(f.Config.KernelVaToPa(ptr), pattern);
            }
        }

        private static uint Peek(PhysFixture f, uint ptr, uint size) =>
            size >= 4 ? f.Memory.ReadUInt32(f.Config.KernelVaToPa(ptr)) : 0;

        /// <summary>docs/memory-manager.md §8.3 for one pool: guest equals shadow, lists match sizes, no adjacent free nodes.</summary>
        private static void AssertConsistent(MemPool heap)
        {
            Assert.That(heap.CheckIntegrity(), Is.Empty);
            var nodes = heap.EnumerateNodes().ToList();
            var free = new HashSet<uint>();
            for (var i = 0; i < nodes.Count; i++)
            {
                var n = nodes[i];
                if (n.IsSentinel)
                {
                    continue;
                }
                Assert.That(n.Size % 4, Is.Zero);
                Assert.That(n.Size, Is.GreaterThanOrEqualTo(20u));
                var next = nodes[i + 1];
                Assert.That(next.Address, Is.EqualTo(n.Address + n.Size));
                if (!next.IsSentinel)
                {
                    Assert.That(next.Ptr, Is.EqualTo(n.Address));
                }
                if (!n.IsUsed)
                {
                    free.Add(n.Address);
                    Assert.That(next.IsUsed, Is.True, "free nodes are coalesced");
                }
            }
            var listed = new HashSet<uint>();
            for (var index = 0; index < MemConstants.FreeListCount; index++)
            {
                var bit = (heap.GetBitmapWord(index >> 5) >> (index & 31)) & 1;
                var members = heap.EnumerateFreeList(index).ToList();
                Assert.That(bit, Is.EqualTo(members.Count > 0 ? 1u : 0u));
                foreach (var m in members)
                {
                    Assert.That(TlsfIndex.OsMemFreeListIndexGet(heap.GetNode(m).Value.Size), Is.EqualTo(index));
                    Assert.That(listed.Add(m), Is.True);
                }
            }
            Assert.That(listed, Is.EquivalentTo(free));
            var s = heap.LOS_MemInfoGet();
            Assert.That(s.TotalUsedSize + s.TotalFreeSize, Is.EqualTo(heap.LOS_MemPoolSizeGet() - MemConstants.PoolHeadSize));
        }
    }
}
