using HarmonyRenode.Core.Heap;
using HarmonyRenode.Core.Ports;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Heap
{
    /// <summary>Bad-input catalogue for the heap: LiteOS return value, one log line, nothing changed.</summary>
    public class HeapBadInputTests
    {
        private static void AssertRejected(HeapFixture f, HeapFixture.Snapshot before, int logBefore)
        {
            Assert.That(f.Log.Lines.Count - logBefore, Is.EqualTo(1), string.Join("\n", f.Log.Lines));
            HeapAssert.Unchanged(before, f.Take());
        }

        private static HeapFixture Busy(out uint a, out uint b, bool expand = false)
        {
            var f = new HeapFixture(expand: expand);
            a = f.Pool.LOS_MemAlloc(64);
            b = f.Pool.LOS_MemAlloc(64);
            f.Pool.LOS_MemAlloc(64);
            return f;
        }

        [Test]
        public void Alloc_of_size_0_returns_null()
        {
            var f = Busy(out _, out _);
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemAlloc(0), Is.Zero);

            AssertRejected(f, before, logs);
        }

        [TestCase(0x80000000u)]
        [TestCase(0x40000000u)]
        public void Alloc_of_a_size_with_flag_bits_returns_null(uint size)
        {
            var f = Busy(out _, out _);
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemAlloc(size), Is.Zero);

            AssertRejected(f, before, logs);
        }

        [TestCase(false)]
        [TestCase(true)]
        public void Alloc_above_the_pool_returns_null_with_and_without_expansion(bool expand)
        {
            var f = Busy(out _, out _, expand);
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemAlloc(0x01000000), Is.Zero, "16 MiB: more than the pool and than the expansion pages");

            AssertRejected(f, before, logs);
            Assert.That(f.Log.Lines[logs], Does.Contain("No suitable free block, require free node size: 0x100000c"));
            Assert.That(f.Pages.Allocated, Is.Empty);
        }

        [Test]
        public void Exhausted_heap_without_expansion_returns_null()
        {
            var f = new HeapFixture(poolSize: 0x1000);
            while (f.Pool.LOS_MemAlloc(100) != 0)
            {
            }
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemAlloc(100), Is.Zero);

            AssertRejected(f, before, logs);
        }

        [Test]
        public void Exhausted_heap_with_expansion_but_no_pages_returns_null()
        {
            var f = new HeapFixture(poolSize: 0x1000, expansionPages: 0, expand: true);
            while (f.Pool.LOS_MemAlloc(100) != 0)
            {
            }
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemAlloc(100), Is.Zero);

            AssertRejected(f, before, logs);
            Assert.That(f.Log.Lines[logs], Does.Contain("OsMemPoolExpand alloc failed size = 4096"));
        }

        [Test]
        public void Double_free_is_refused()
        {
            var f = Busy(out var a, out _);
            Assert.That(f.Pool.LOS_MemFree(a), Is.EqualTo(LosReturn.Ok));
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemFree(a), Is.EqualTo(LosReturn.Nok));

            AssertRejected(f, before, logs);
            Assert.That(f.Log.Lines[logs], Does.StartWith("OsMemFree check error!"));
        }

        [Test]
        public void Free_of_a_pointer_inside_a_block_is_refused()
        {
            var f = Busy(out var a, out _);
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemFree(a + 16), Is.EqualTo(LosReturn.Nok));

            AssertRejected(f, before, logs);
        }

        /// <summary>
        /// The shadow keeps one entry per 16 bytes (at most one node starts in them): a pointer a word or two off a
        /// real one lands in the same granule as a used node, which must not make it that node. Without the guest header
        /// comparison nothing else would notice.
        /// </summary>
        [Test]
        public void Free_of_a_pointer_a_few_bytes_off_an_allocation_is_refused(
            [Values(-8, -4, 4, 8)] int delta, [Values(true, false)] bool checkGuestHeaders)
        {
            var f = new HeapFixture();
            f.Pool.VerifyGuestHeadersOnFree = checkGuestHeaders;
            // Nodes of 76, 44 and 108 bytes: the second and third start 12 and 8 bytes into their granules.
            var blocks = new[] { f.Pool.LOS_MemAlloc(64), f.Pool.LOS_MemAlloc(32), f.Pool.LOS_MemAlloc(96), f.Pool.LOS_MemAlloc(64) };
            foreach (var block in blocks)
            {
                var before = f.Take();
                var logs = f.Log.Lines.Count;

                Assert.That(f.Pool.LOS_MemFree((uint)(block + delta)), Is.EqualTo(LosReturn.Nok), $"0x{block:x} {delta:+0;-0}");

                AssertRejected(f, before, logs);
            }
        }

        [TestCase(0x40300000u)]
        [TestCase(0x40100010u)]
        [TestCase(0x10000000u)]
        public void Free_of_a_pointer_never_allocated_is_refused(uint ptr)
        {
            var f = Busy(out _, out _);
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemFree(ptr), Is.EqualTo(LosReturn.Nok));

            AssertRejected(f, before, logs);
        }

        [TestCase(0u)]
        [TestCase(2u)]
        public void Free_of_null_or_an_unaligned_pointer_is_refused(uint delta)
        {
            var f = Busy(out var a, out _);
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemFree(delta == 0 ? 0 : a + delta), Is.EqualTo(LosReturn.Nok));

            AssertRejected(f, before, logs);
        }

        [Test]
        public void Free_of_the_end_sentinel_is_refused()
        {
            var f = Busy(out _, out _);
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemFree(HeapFixture.PoolVa + 0x8000), Is.EqualTo(LosReturn.Nok));

            AssertRejected(f, before, logs);
        }

        [Test]
        public void A_rejected_free_writes_nothing_to_guest_memory()
        {
            var ram = new InMemoryGuestMemory(0x40000000, 4 * 1024 * 1024);
            var memory = new Mock<IGuestMemory>();
            memory.Setup(m => m.ReadUInt32(It.IsAny<uint>())).Returns((uint a) => ram.ReadUInt32(a));
            memory.Setup(m => m.WriteUInt32(It.IsAny<uint>(), It.IsAny<uint>())).Callback((uint a, uint v) => ram.WriteUInt32(a, v));
            var pool = new MemPool(memory.Object, new MemoryConfig(), new RecordingLog(), null);
            pool.OsMemPoolInit(HeapFixture.PoolVa, 0x8000);
            var p = pool.LOS_MemAlloc(32);
            pool.LOS_MemFree(p);
            memory.Invocations.Clear();

            Assert.That(pool.LOS_MemFree(p), Is.EqualTo(LosReturn.Nok));
            Assert.That(pool.LOS_MemFree(p + 4), Is.EqualTo(LosReturn.Nok));

            memory.Verify(m => m.WriteUInt32(It.IsAny<uint>(), It.IsAny<uint>()), Times.Never);
            memory.Verify(m => m.WriteBytes(It.IsAny<uint>(), It.IsAny<byte[]>(), It.IsAny<int>(), It.IsAny<int>()), Times.Never);
            memory.Verify(m => m.Fill(It.IsAny<uint>(), It.IsAny<int>(), It.IsAny<byte>()), Times.Never);
        }

        [Test]
        public void A_successful_alloc_never_reads_guest_memory()
        {
            var ram = new InMemoryGuestMemory(0x40000000, 4 * 1024 * 1024);
            var memory = new Mock<IGuestMemory>();
            memory.Setup(m => m.WriteUInt32(It.IsAny<uint>(), It.IsAny<uint>())).Callback((uint a, uint v) => ram.WriteUInt32(a, v));
            var pool = new MemPool(memory.Object, new MemoryConfig(), new RecordingLog(), null) { VerifyGuestHeadersOnFree = false };
            pool.OsMemPoolInit(HeapFixture.PoolVa, 0x8000);

            var a = pool.LOS_MemAlloc(32);
            pool.LOS_MemAlloc(64);
            pool.LOS_MemFree(a);
            pool.LOS_MemAlloc(16);

            memory.Verify(m => m.ReadUInt32(It.IsAny<uint>()), Times.Never, "the model must not read back its own writes");
            memory.Verify(m => m.ReadBytes(It.IsAny<uint>(), It.IsAny<byte[]>(), It.IsAny<int>(), It.IsAny<int>()), Times.Never);
        }

        [Test]
        public void Realloc_failure_returns_null_and_keeps_the_old_block()
        {
            var f = new HeapFixture(poolSize: 0x1000);
            var a = f.Pool.LOS_MemAlloc(100);
            f.Pool.LOS_MemAlloc(8);
            f.Memory.WriteUInt32(a, 0xCAFEF00D);
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemRealloc(a, 0x2000), Is.Zero);

            AssertRejected(f, before, logs);
            Assert.That(f.Word(a), Is.EqualTo(0xCAFEF00Du));
        }

        [TestCase(0x80000000u)]
        [TestCase(0x40000010u)]
        public void Realloc_with_flag_bits_in_the_size_returns_null(uint size)
        {
            var f = Busy(out var a, out _);
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemRealloc(a, size), Is.Zero);

            AssertRejected(f, before, logs);
        }

        [Test]
        public void Realloc_of_a_freed_pointer_returns_null()
        {
            var f = Busy(out var a, out _);
            f.Pool.LOS_MemFree(a);
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemRealloc(a, 16), Is.Zero);

            AssertRejected(f, before, logs);
        }

        [TestCase(0u, 8u)]
        [TestCase(16u, 0u)]
        [TestCase(16u, 24u)]
        [TestCase(16u, 2u)]
        public void Alloc_align_rejects_zero_size_and_bad_boundaries(uint size, uint boundary)
        {
            var f = Busy(out _, out _);
            var before = f.Take();
            var logs = f.Log.Lines.Count;

            Assert.That(f.Pool.LOS_MemAllocAlign(size, boundary), Is.Zero);

            AssertRejected(f, before, logs);
        }
    }
}
