using HarmonyRenode.Core.Heap;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Heap
{
    public class MemReallocAlignTests
    {
        private const uint First = HeapFixture.FirstNode;

        [Test]
        public void Alloc_align_stores_the_gap_word_and_sets_aligned_on_the_node()
        {
            var f = new HeapFixture();

            var p = f.Pool.LOS_MemAllocAlign(16, 64);

            // useSize = 16 + 64 - 4 = 76 → node 88; payload 0x401003B4 rounds up to 0x401003C0, gap 0xC.
            Assert.That(p, Is.EqualTo(0x401003C0u));
            Assert.That(f.Word(First + 8), Is.EqualTo(0xC0000058u));
            Assert.That(f.Word(p - 4), Is.EqualTo(0x4000000Cu));
            Assert.That(f.Pool.GetNode(First).Value.UserPointer, Is.EqualTo(p));
        }

        [Test]
        public void Alloc_align_returns_the_plain_pointer_when_it_is_already_aligned()
        {
            var f = new HeapFixture();
            var p = f.Pool.LOS_MemAllocAlign(8, 4);

            Assert.That(p, Is.EqualTo(First + 12));
            Assert.That(f.Word(First + 8), Is.EqualTo(0x80000000u | 20), "useSize 8 + 4 - 4");
            Assert.That(f.Word(p - 4) & MemConstants.AlignedFlag, Is.Zero, "no gap word, node not ALIGNED");
        }

        [Test]
        public void Aligned_allocation_frees_through_its_aligned_pointer()
        {
            var f = new HeapFixture();
            var p = f.Pool.LOS_MemAllocAlign(16, 64);

            Assert.That(f.Pool.LOS_MemFree(p), Is.EqualTo(LosReturn.Ok));

            Assert.That(f.Head(First), Is.EqualTo(new[] { 0xABCDDCBAu, 0u, 0x7C4Cu }));
            Assert.That(f.Pool.AlignedPointers, Is.Empty);
        }

        [Test]
        public void Freeing_an_aligned_allocation_by_its_real_pointer_fails_with_gap_size_error()
        {
            var f = new HeapFixture();
            f.Pool.LOS_MemAllocAlign(16, 64);
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemFree(First + 12), Is.EqualTo(LosReturn.Nok));

            Assert.That(f.Log.Lines.Count - logs, Is.EqualTo(1));
            Assert.That(f.Log.Lines[logs], Is.EqualTo("[LOS_MemFree]gapSize:0xc0000058 error"));
            HeapAssert.Unchanged(before, f.Take());
        }

        [Test]
        public void A_payload_word_that_looks_like_an_illegal_gap_is_refused()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(64);
            f.Memory.WriteUInt32(a + 28, 0x40000006);   // guest data: ALIGNED with a gap that is not a multiple of 4

            Assert.That(f.Pool.LOS_MemFree(a + 32), Is.EqualTo(LosReturn.Nok));
            Assert.That(f.Log.Lines[^1], Is.EqualTo("[LOS_MemFree]illegal gapSize: 0x6"));
        }

        [Test]
        public void Quirk_realloc_to_size_0_shrinks_the_block_to_8_bytes_and_keeps_it()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(100);
            f.Pool.LOS_MemAlloc(8);

            var r = f.Pool.LOS_MemRealloc(a, 0);

            Assert.That(r, Is.EqualTo(a));
            Assert.That(f.Word(a - 4), Is.EqualTo(0x80000000u | 20));
            Assert.That(f.Head(a - 12 + 20), Is.EqualTo(new[] { 0xABCDDCBAu, a - 12, 92u }), "split-off tail is free");
        }

        [Test]
        public void Quirk_realloc_of_an_aligned_block_returns_the_unaligned_real_pointer()
        {
            var f = new HeapFixture();
            var p = f.Pool.LOS_MemAllocAlign(16, 64);

            var r = f.Pool.LOS_MemRealloc(p, 16);

            Assert.That(r, Is.EqualTo(First + 12));
            Assert.That(r % 64, Is.Not.Zero);
            Assert.That(f.Word(First + 8) & MemConstants.AlignedFlag, Is.Zero, "ALIGNED dropped");
            Assert.That(f.Pool.AlignedPointers, Is.Empty);
            Assert.That(f.Pool.LOS_MemFree(r), Is.EqualTo(LosReturn.Ok));
        }

        [Test]
        public void Realloc_grows_in_place_into_a_free_next_node()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(40);

            var r = f.Pool.LOS_MemRealloc(a, 200);

            Assert.That(r, Is.EqualTo(a));
            Assert.That(f.Word(a - 4), Is.EqualTo(0x80000000u | 212));
            Assert.That(f.Word(a - 12 + 212 + 4), Is.EqualTo(a - 12));
        }

        [Test]
        public void Realloc_moves_and_copies_when_the_next_node_is_used()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(16);
            var b = f.Pool.LOS_MemAlloc(16);
            f.Memory.WriteUInt32(a, 0x11111111);
            f.Memory.WriteUInt32(a + 12, 0x44444444);

            var r = f.Pool.LOS_MemRealloc(a, 100);

            Assert.That(r, Is.EqualTo(b + 28));
            Assert.That(f.Word(r), Is.EqualTo(0x11111111u));
            Assert.That(f.Word(r + 12), Is.EqualTo(0x44444444u));
            Assert.That(f.Pool.GetNode(a - 12).Value.IsUsed, Is.False, "old block freed");
        }

        [Test]
        public void Realloc_of_null_allocates()
        {
            var f = new HeapFixture();

            Assert.That(f.Pool.LOS_MemRealloc(0, 16), Is.EqualTo(First + 12));
        }
    }
}
