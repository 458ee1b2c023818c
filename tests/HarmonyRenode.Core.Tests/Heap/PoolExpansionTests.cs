using System.Linq;
using HarmonyRenode.Core.Heap;
using HarmonyRenode.Core.Tests.Pages;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Heap
{
    public class PoolExpansionTests
    {
        private static (PhysFixture Phys, MemPool Heap) Boot()
        {
            var f = new PhysFixture();
            return (f, SystemHeap.OsKHeapInit(f.Phys, f.Layout));
        }

        private static uint FirstContiguousBlock(int nPages) => new PhysFixture().Phys.LOS_PhysPagesAllocContiguous(nPages);

        [Test]
        public void Boot_heap_is_the_layout_heap_with_expansion_enabled()
        {
            var (f, heap) = Boot();

            Assert.That(heap.Pool, Is.EqualTo(f.Layout.HeapBase));
            Assert.That(heap.TotalSize, Is.EqualTo(f.Layout.HeapSize));
            Assert.That(f.Memory.ReadUInt32(f.Config.KernelVaToPa(heap.Pool) + 8), Is.EqualTo(3u), "LOCK | EXPAND");
        }

        [Test]
        public void Expansion_takes_pool_size_over_8_from_the_first_contiguous_page_block_and_links_the_sentinels()
        {
            var (f, heap) = Boot();
            heap.LOS_MemAlloc(0xF0000);
            var expected = FirstContiguousBlock(33);

            var b = heap.LOS_MemAlloc(0x10000);

            // max(0x100000 / 8, 0x1000C) = 0x20000 → ROUNDUP(0x2000C, 4 KiB) = 0x21000 = 33 pages.
            Assert.That(expected, Is.EqualTo(0x40280000u));
            Assert.That(b, Is.EqualTo(expected + 12));
            uint W(uint va) => f.Memory.ReadUInt32(f.Config.KernelVaToPa(va));
            var mainEnd = heap.Pool + heap.TotalSize - 12;
            Assert.That(new[] { W(mainEnd), W(mainEnd + 4), W(mainEnd + 8) }, Is.EqualTo(new[] { 0xABCDDCBAu, expected, 0xA0021000u }));
            Assert.That(new[] { W(expected), W(expected + 4), W(expected + 8) },
                Is.EqualTo(new[] { 0xABCDDCBAu, expected + 0x21000 - 12, 0x8001000Cu }));
            var regionEnd = expected + 0x21000 - 12;
            Assert.That(new[] { W(regionEnd), W(regionEnd + 4), W(regionEnd + 8) }, Is.EqualTo(new[] { 0xABCDDCBAu, 0u, 0xA0000000u }));
            Assert.That(heap.LOS_MemPoolSizeGet(), Is.EqualTo(heap.TotalSize + 0x21000));
            Assert.That(f.Phys.LOS_VmPageGet(f.Config.KernelVaToPa(expected)).NPages, Is.EqualTo((ushort)33));
            Assert.That(heap.OsMemIsHeapNode(b), Is.True);
            Assert.That(heap.CheckIntegrity(), Is.Empty);
        }

        [Test]
        public void Expansion_is_the_request_when_it_exceeds_pool_size_over_8()
        {
            var (_, heap) = Boot();
            heap.LOS_MemAlloc(0xF0000);

            heap.LOS_MemAlloc(0x30000);

            Assert.That(heap.Regions[1].Size, Is.EqualTo(0x31000u), "ROUNDUP(0x3000C + 12, 4 KiB)");
        }

        [Test]
        public void Freeing_the_last_block_of_an_expansion_region_returns_its_pages()
        {
            var (f, heap) = Boot();
            heap.LOS_MemAlloc(heap.LOS_MemInfoGet().MaxFreeNodeSize - 12);   // the initial pool is now full
            var freeBefore = f.Phys.FreePageCount;
            var b = heap.LOS_MemAlloc(0x10000);
            var c = heap.LOS_MemAlloc(0x100);

            Assert.That(heap.LOS_MemFree(b), Is.EqualTo(LosReturn.Ok));
            Assert.That(heap.Regions, Has.Count.EqualTo(2), "c still lives there");
            Assert.That(heap.LOS_MemFree(c), Is.EqualTo(LosReturn.Ok));

            Assert.That(heap.Regions, Has.Count.EqualTo(1));
            Assert.That(f.Phys.FreePageCount, Is.EqualTo(freeBefore));
            var mainEnd = f.Config.KernelVaToPa(heap.Pool + heap.TotalSize - 12);
            Assert.That(f.Memory.ReadUInt32(mainEnd + 4), Is.Zero);
            Assert.That(f.Memory.ReadUInt32(mainEnd + 8), Is.EqualTo(0xA0000000u));
            Assert.That(heap.LOS_MemPoolSizeGet(), Is.EqualTo(heap.TotalSize));
            Assert.That(heap.OsMemIsHeapNode(b), Is.False);
            Assert.That(heap.CheckIntegrity(), Is.Empty);
        }

        [Test]
        public void Shrinking_a_middle_region_relinks_the_previous_sentinel_to_the_next_region()
        {
            var (f, heap) = Boot();
            heap.LOS_MemAlloc(0xF0000);
            var b = heap.LOS_MemAlloc(0x1F000);
            var c = heap.LOS_MemAlloc(0x1F000);
            var regionC = heap.Regions[2];

            heap.LOS_MemFree(b);

            var mainEnd = f.Config.KernelVaToPa(heap.Pool + heap.TotalSize - 12);
            Assert.That(f.Memory.ReadUInt32(mainEnd + 4), Is.EqualTo(regionC.Start));
            Assert.That(f.Memory.ReadUInt32(mainEnd + 8), Is.EqualTo(0xA0000000u | regionC.Size));
            Assert.That(heap.Regions.Select(r => r.Start), Is.EqualTo(new[] { heap.Pool, regionC.Start }));
            Assert.That(heap.OsMemIsHeapNode(c), Is.True);
            Assert.That(heap.CheckIntegrity(), Is.Empty);
        }

        [Test]
        public void Expansion_retries_with_the_request_alone_when_pool_size_over_8_is_unavailable()
        {
            var f = new HeapFixture(poolSize: 0x8000, expansionPages: 1, expand: true);
            while (f.Pool.Regions.Count == 1)
            {
                Assert.That(f.Pool.LOS_MemAlloc(100), Is.Not.Zero);
            }

            Assert.That(f.Pages.Allocated.Count, Is.EqualTo(1));
            Assert.That(f.Pages.Allocated[0x40200000], Is.EqualTo(1), "0x1000 + 12 needs 2 pages; the retry with 112 bytes needs 1");
        }

        [Test]
        public void Memory_info_counts_every_sentinel()
        {
            var (_, heap) = Boot();
            heap.LOS_MemAlloc(0xF0000);
            heap.LOS_MemAlloc(0x10000);

            var s = heap.LOS_MemInfoGet();

            Assert.That(s.UsedNodeNum, Is.EqualTo(4u), "two allocations and two sentinels");
            Assert.That(s.TotalUsedSize, Is.EqualTo(0xF000Cu + 0x1000Cu + 24));
            Assert.That(heap.LOS_MemTotalUsedGet(), Is.EqualTo(s.TotalUsedSize));
            Assert.That(s.TotalUsedSize + s.TotalFreeSize, Is.EqualTo(heap.LOS_MemPoolSizeGet() - 936));
        }
    }
}
