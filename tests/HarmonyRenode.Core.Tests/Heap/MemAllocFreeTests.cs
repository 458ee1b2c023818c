using System.Linq;
using HarmonyRenode.Core.Heap;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Heap
{
    public class MemAllocFreeTests
    {
        private const uint First = HeapFixture.FirstNode;

        [Test]
        public void First_allocation_lands_right_after_the_pool_head_and_splits_the_rest()
        {
            var f = new HeapFixture();

            var p = f.Pool.LOS_MemAlloc(16);

            Assert.That(p, Is.EqualTo(HeapFixture.PoolVa + 936 + 12));
            Assert.That(f.Head(First), Is.EqualTo(new[] { 0xABCDDCBAu, 0u, 0x80000000u | 28 }));
            var rest = First + 28;
            Assert.That(f.Head(rest), Is.EqualTo(new[] { 0xABCDDCBAu, First, 0x7C4Cu - 28 }));
            Assert.That(f.Pool.GetFreeListHead(TlsfIndex.OsMemFreeListIndexGet(0x7C4C - 28)), Is.EqualTo(rest));
        }

        [Test]
        public void Requests_below_eight_bytes_get_the_minimum_node_of_20()
        {
            var f = new HeapFixture();

            var a = f.Pool.LOS_MemAlloc(1);
            var b = f.Pool.LOS_MemAlloc(9);

            Assert.That(f.Word(a - 4), Is.EqualTo(0x80000000u | 20));
            Assert.That(b, Is.EqualTo(a + 20));
            Assert.That(f.Word(b - 4), Is.EqualTo(0x80000000u | 24), "9 + 12 rounded up to 4");
        }

        [Test]
        public void Consecutive_allocations_are_adjacent_and_link_prev()
        {
            var f = new HeapFixture();

            var a = f.Pool.LOS_MemAlloc(100);
            var b = f.Pool.LOS_MemAlloc(100);

            Assert.That(b, Is.EqualTo(a + 112));
            Assert.That(f.Word(b - 12 + 4), Is.EqualTo(a - 12));
        }

        [Test]
        public void A_remainder_under_20_bytes_is_not_split_off()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(100);             // node 112
            f.Pool.LOS_MemAlloc(8);
            f.Pool.LOS_MemFree(a);

            var b = f.Pool.LOS_MemAlloc(84);              // needs 96: 16 left over is < 20

            Assert.That(b, Is.EqualTo(a));
            Assert.That(f.Word(b - 4), Is.EqualTo(0x80000000u | 112));
        }

        [Test]
        public void Free_merges_with_both_free_neighbours_into_one_node()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(100);
            var b = f.Pool.LOS_MemAlloc(100);
            var c = f.Pool.LOS_MemAlloc(100);
            f.Pool.LOS_MemAlloc(100);
            f.Pool.LOS_MemFree(a);
            f.Pool.LOS_MemFree(c);

            Assert.That(f.Pool.LOS_MemFree(b), Is.EqualTo(LosReturn.Ok));

            Assert.That(f.Head(First), Is.EqualTo(new[] { 0xABCDDCBAu, 0u, 3 * 112u }));
            Assert.That(f.Word(First + 3 * 112 + 4), Is.EqualTo(First), "the next node's prev now names the merged node");
            Assert.That(f.Pool.GetNode(b - 12), Is.Null);
            Assert.That(f.Pool.LOS_MemInfoGet().FreeNodeNum, Is.EqualTo(2u));
        }

        [Test]
        public void Freeing_everything_restores_the_single_free_node()
        {
            var f = new HeapFixture();
            var ptrs = new[] { 30u, 200u, 8u, 1000u, 64u }.Select(s => f.Pool.LOS_MemAlloc(s)).ToList();

            foreach (var p in ptrs)
            {
                Assert.That(f.Pool.LOS_MemFree(p), Is.EqualTo(LosReturn.Ok));
            }

            Assert.That(f.Pool.EnumerateNodes().Select(n => (n.Address, n.SizeAndFlag)),
                Is.EqualTo(new[] { (First, 0x7C4Cu), (HeapFixture.PoolVa + 0x8000 - 12, 0xA0000000u) }));
            Assert.That(f.Pool.CheckIntegrity(), Is.Empty);
        }

        [Test]
        public void Free_lists_are_lifo_so_the_last_freed_block_is_reused_first()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(40);
            f.Pool.LOS_MemAlloc(8);
            var c = f.Pool.LOS_MemAlloc(40);
            f.Pool.LOS_MemAlloc(8);
            f.Pool.LOS_MemFree(a);
            f.Pool.LOS_MemFree(c);

            var index = TlsfIndex.OsMemFreeListIndexGet(52);
            Assert.That(f.Pool.EnumerateFreeList(index), Is.EqualTo(new[] { c - 12, a - 12 }));
            Assert.That(f.Word(c - 12 + 16), Is.EqualTo(a - 12), "head's next link in guest RAM");
            Assert.That(f.Word(a - 12 + 12), Is.EqualTo(c - 12), "tail's prev link in guest RAM");

            Assert.That(f.Pool.LOS_MemAlloc(40), Is.EqualTo(c));
            Assert.That(f.Pool.LOS_MemAlloc(40), Is.EqualTo(a));
        }

        [Test]
        public void Large_requests_take_the_next_larger_list_before_an_exact_list_fit()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(200);   // node 212, list 36
            f.Pool.LOS_MemAlloc(8);
            var b = f.Pool.LOS_MemAlloc(600);   // node 612, list 48
            f.Pool.LOS_MemAlloc(8);
            f.Pool.LOS_MemFree(a);
            f.Pool.LOS_MemFree(b);

            Assert.That(f.Pool.LOS_MemAlloc(200), Is.EqualTo(b), "good fit: list 37 upward first, lowest non-empty wins");
            Assert.That(f.Pool.GetFreeListHead(36), Is.EqualTo(a - 12));
        }

        [Test]
        public void Exact_list_is_searched_first_fit_only_when_no_larger_list_has_a_node()
        {
            var f = new HeapFixture(poolSize: 0x1000);
            var a = f.Pool.LOS_MemAlloc(200);
            f.Pool.LOS_MemAlloc(8);
            var rest = f.Pool.LOS_MemInfoGet().MaxFreeNodeSize;
            Assert.That(f.Pool.LOS_MemAlloc(rest - 12), Is.Not.Zero, "fill the pool exactly");
            f.Pool.LOS_MemFree(a);

            Assert.That(f.Pool.LOS_MemAlloc(204), Is.Zero, "216 > 212: same list, no fit, no fallback below");
            Assert.That(f.Pool.LOS_MemAlloc(200), Is.EqualTo(a));
        }

        [Test]
        public void Small_requests_take_the_head_of_the_first_non_empty_list_at_or_above_their_size()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(8);    // 20
            f.Pool.LOS_MemAlloc(8);
            var b = f.Pool.LOS_MemAlloc(40);   // 52
            f.Pool.LOS_MemAlloc(8);
            f.Pool.LOS_MemFree(a);
            f.Pool.LOS_MemFree(b);

            Assert.That(f.Pool.LOS_MemAlloc(16), Is.EqualTo(b), "28 > 20: list of 20 skipped, 52 is the next non-empty");
            Assert.That(f.Pool.LOS_MemAlloc(8), Is.EqualTo(a));
        }
    }
}
