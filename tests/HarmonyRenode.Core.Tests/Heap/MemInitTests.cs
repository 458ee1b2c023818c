using HarmonyRenode.Core.Heap;
using HarmonyRenode.Core.Ports;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Heap
{
    public class MemInitTests
    {
        private const uint Pool = HeapFixture.PoolVa;

        [Test]
        public void Init_writes_pool_head_one_free_node_and_the_last_sentinel_into_guest_ram()
        {
            var f = new HeapFixture();

            Assert.That(f.Word(Pool), Is.EqualTo(Pool), "info.pool");
            Assert.That(f.Word(Pool + 4), Is.EqualTo(0x8000u), "info.totalSize");
            Assert.That(f.Word(Pool + 8), Is.EqualTo(MemConstants.PoolAttrLockEnable), "info.attr");
            // First node 0x7C4C bytes → list 94: bitmap word 2 bit 30, freeList[94].
            Assert.That(f.Word(Pool + 12 + 2 * 4), Is.EqualTo(0x40000000u));
            Assert.That(f.Word(Pool + 40 + 94 * 4), Is.EqualTo(HeapFixture.FirstNode));
            Assert.That(f.Head(HeapFixture.FirstNode), Is.EqualTo(new[] { 0xABCDDCBAu, 0u, 0x7C4Cu }));
            Assert.That(f.Word(HeapFixture.FirstNode + 12), Is.EqualTo(0u), "free prev link");
            Assert.That(f.Word(HeapFixture.FirstNode + 16), Is.EqualTo(0u), "free next link");
            Assert.That(f.Head(Pool + 0x8000 - 12), Is.EqualTo(new[] { 0xABCDDCBAu, 0u, 0xA0000000u }));
            Assert.That(f.Log.Lines, Is.Empty);
        }

        [Test]
        public void Init_rounds_the_size_up_to_four()
        {
            var f = new HeapFixture(poolSize: 0x7FFD);

            Assert.That(f.Pool.TotalSize, Is.EqualTo(0x8000u));
            Assert.That(f.Word(Pool + 4), Is.EqualTo(0x8000u));
        }

        [TestCase(0u, 0x8000u)]
        [TestCase(Pool, 948u)]
        public void Init_rejects_a_null_pool_or_a_size_not_above_the_minimum_without_touching_guest_ram(uint pool, uint size)
        {
            var memory = new Mock<IGuestMemory>(MockBehavior.Strict);
            var log = new RecordingLog();
            var heap = new MemPool(memory.Object, new MemoryConfig(), log, null);

            Assert.That(heap.OsMemPoolInit(pool, size), Is.EqualTo(LosReturn.OsError));
            Assert.That(log.Lines, Has.Count.EqualTo(1));
            Assert.That(heap.IsInitialized, Is.False);
        }

        [Test]
        public void Expand_enable_sets_attr_bit_in_guest_ram()
        {
            var f = new HeapFixture(expand: true);

            Assert.That(f.Word(Pool + 8), Is.EqualTo(MemConstants.PoolAttrLockEnable | MemConstants.PoolAttrExpandEnable));
            Assert.That(f.Pool.ExpandEnabled, Is.True);
        }

        [Test]
        public void Fresh_pool_statistics_count_the_sentinel_as_a_used_12_byte_node()
        {
            var f = new HeapFixture();

            var s = f.Pool.LOS_MemInfoGet();

            Assert.That(s.TotalUsedSize, Is.EqualTo(12u));
            Assert.That(s.UsedNodeNum, Is.EqualTo(1u));
            Assert.That(s.TotalFreeSize, Is.EqualTo(0x7C4Cu));
            Assert.That(s.MaxFreeNodeSize, Is.EqualTo(0x7C4Cu));
            Assert.That(s.FreeNodeNum, Is.EqualTo(1u));
            Assert.That(f.Pool.LOS_MemTotalUsedGet(), Is.EqualTo(12u));
            Assert.That(f.Pool.LOS_MemPoolSizeGet(), Is.EqualTo(0x8000u));
        }

        [Test]
        public void Free_node_show_and_info_print_use_the_liteos_formats()
        {
            var f = new HeapFixture();

            Assert.That(f.Pool.LOS_MemFreeNodeShow(), Is.EqualTo(
                "\n   ************************ left free node number**********************\n"
                + "free index: 094, size: [0x7800, 0x7fff], num: 1\n"
                + "\n   ********************************************************************\n\n"));
            var lines = f.Pool.OsMemInfoPrint().Split('\n');
            Assert.That(lines[0], Does.StartWith("pool addr          pool size    used size"));
            Assert.That(lines[2], Is.EqualTo("0x40100000         0x8000       0xc           0x7c4c       0x7c4c               0x1                0x1            "));
        }

        [Test]
        public void Small_free_lists_print_a_single_size()
        {
            var f = new HeapFixture();
            var a = f.Pool.LOS_MemAlloc(8);
            f.Pool.LOS_MemAlloc(8);
            f.Pool.LOS_MemFree(a);

            Assert.That(f.Pool.LOS_MemFreeNodeShow(), Does.Contain("free index: 004, size: [0x14], num: 1\n"));
        }

        [Test]
        public void Is_heap_node_covers_first_node_to_end_node_inclusive()
        {
            var f = new HeapFixture();

            Assert.That(f.Pool.OsMemIsHeapNode(HeapFixture.FirstNode), Is.True);
            Assert.That(f.Pool.OsMemIsHeapNode(Pool + 0x8000 - 12), Is.True);
            Assert.That(f.Pool.OsMemIsHeapNode(Pool + 0x8000 - 11), Is.False);
            Assert.That(f.Pool.OsMemIsHeapNode(Pool), Is.False);
        }
    }
}
