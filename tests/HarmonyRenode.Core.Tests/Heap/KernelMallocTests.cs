using HarmonyRenode.Core.Heap;
using HarmonyRenode.Core.Tests.Pages;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Heap
{
    public class KernelMallocTests
    {
        private sealed class Kmalloc
        {
            public Kmalloc()
            {
                Phys = new PhysFixture();
                Heap = SystemHeap.OsKHeapInit(Phys.Phys, Phys.Layout);
                K = new KernelMalloc(Heap, new VmPhysContiguousPages(Phys.Phys), Phys.Memory, Phys.Config, Phys.Log);
            }

            public PhysFixture Phys { get; }
            public MemPool Heap { get; }
            public KernelMalloc K { get; }

            public uint Word(uint kva) => Phys.Memory.ReadUInt32(Phys.Config.KernelVaToPa(kva));

            public ushort NPages(uint kva) => Phys.Phys.LOS_VmPageGet(Phys.Config.KernelVaToPa(kva)).NPages;
        }

        private static uint FirstContiguousBlock(int nPages) => new PhysFixture().Phys.LOS_PhysPagesAllocContiguous(nPages);

        [Test]
        public void Sizes_below_16_KiB_come_from_the_heap()
        {
            var k = new Kmalloc();

            var p = k.K.LOS_KernelMalloc(16383);

            Assert.That(p, Is.EqualTo(k.Heap.Pool + 936 + 12));
            Assert.That(k.Heap.OsMemIsHeapNode(p), Is.True);
        }

        [Test]
        public void Sizes_from_16_KiB_take_contiguous_pages_with_n_pages_on_the_head()
        {
            var k = new Kmalloc();
            var free = k.Phys.Phys.FreePageCount;

            var p = k.K.LOS_KernelMalloc(16385);

            Assert.That(p, Is.EqualTo(FirstContiguousBlock(5)));
            Assert.That(k.NPages(p), Is.EqualTo((ushort)5));
            Assert.That(k.Phys.Phys.FreePageCount, Is.EqualTo(free - 5));
            Assert.That(k.Heap.OsMemIsHeapNode(p), Is.False);
        }

        [Test]
        public void Before_the_page_allocator_is_up_large_sizes_go_to_the_heap()
        {
            var k = new Kmalloc();
            k.K.HeapInited = false;

            Assert.That(k.Heap.OsMemIsHeapNode(k.K.LOS_KernelMalloc(0x8000)), Is.True);
        }

        [Test]
        public void Free_returns_large_blocks_to_the_page_allocator()
        {
            var k = new Kmalloc();
            var free = k.Phys.Phys.FreePageCount;
            var p = k.K.LOS_KernelMalloc(0x4000);

            Assert.That(k.K.LOS_KernelFree(p), Is.EqualTo(LosReturn.Ok));

            Assert.That(k.Phys.Phys.FreePageCount, Is.EqualTo(free));
            Assert.That(k.NPages(p), Is.Zero);
        }

        [Test]
        public void Free_of_a_heap_block_goes_to_the_heap()
        {
            var k = new Kmalloc();
            var p = k.K.LOS_KernelMalloc(100);

            Assert.That(k.K.LOS_KernelFree(p), Is.EqualTo(LosReturn.Ok));
            Assert.That(k.Heap.LOS_MemInfoGet().UsedNodeNum, Is.EqualTo(1u));
        }

        [Test]
        public void Free_of_a_non_head_page_logs_kernel_free_failed()
        {
            var k = new Kmalloc();
            var p = k.K.LOS_KernelMalloc(0x4000);
            var free = k.Phys.Phys.FreePageCount;
            var logs = k.Phys.Log.Lines.Count;

            Assert.That(k.K.LOS_KernelFree(p + 0x1000), Is.EqualTo(LosReturn.Nok));

            Assert.That(k.Phys.Log.Lines.Count - logs, Is.EqualTo(1));
            Assert.That(k.Phys.Log.Lines[logs], Is.EqualTo($"KernelFree 0x{p + 0x1000:x} failed"));
            Assert.That(k.Phys.Phys.FreePageCount, Is.EqualTo(free));
            Assert.That(k.NPages(p), Is.EqualTo((ushort)4));
        }

        [Test]
        public void Double_free_of_a_large_block_logs_kernel_free_failed()
        {
            var k = new Kmalloc();
            var p = k.K.LOS_KernelMalloc(0x4000);
            k.K.LOS_KernelFree(p);
            var free = k.Phys.Phys.FreePageCount;
            var logs = k.Phys.Log.Lines.Count;

            Assert.That(k.K.LOS_KernelFree(p), Is.EqualTo(LosReturn.Nok));

            Assert.That(k.Phys.Log.Lines.Count - logs, Is.EqualTo(1));
            Assert.That(k.Phys.Phys.FreePageCount, Is.EqualTo(free));
        }

        [Test]
        public void Free_of_a_pointer_outside_managed_memory_logs_kernel_free_failed()
        {
            var k = new Kmalloc();
            var logs = k.Phys.Log.Lines.Count;

            Assert.That(k.K.LOS_KernelFree(0x10000000), Is.EqualTo(LosReturn.Nok));
            Assert.That(k.Phys.Log.Lines.Count - logs, Is.EqualTo(1));
        }

        [Test]
        public void Quirk_realloc_of_a_large_block_cannot_shrink()
        {
            var k = new Kmalloc();
            var p = k.K.LOS_KernelMalloc(0x5000);
            var free = k.Phys.Phys.FreePageCount;
            var heapBefore = k.Heap.LOS_MemInfoGet().ToString();
            var logs = k.Phys.Log.Lines.Count;

            Assert.That(k.K.LOS_KernelRealloc(p, 0x4000), Is.Zero);

            Assert.That(k.Phys.Log.Lines.Count - logs, Is.EqualTo(1));
            Assert.That(k.Phys.Log.Lines[logs], Is.EqualTo("KernelRealloc memcpy error"));
            Assert.That(k.Phys.Phys.FreePageCount, Is.EqualTo(free));
            Assert.That(k.NPages(p), Is.EqualTo((ushort)5));
            Assert.That(k.Heap.LOS_MemInfoGet().ToString(), Is.EqualTo(heapBefore));
        }

        [Test]
        public void Realloc_of_a_large_block_to_a_larger_size_copies_every_page_and_frees_the_old_block()
        {
            var k = new Kmalloc();
            var p = k.K.LOS_KernelMalloc(0x4000);
            k.Phys.Memory.WriteUInt32(k.Phys.Config.KernelVaToPa(p), 0xA5A5A5A5);
            k.Phys.Memory.WriteUInt32(k.Phys.Config.KernelVaToPa(p + 0x3FFC), 0x5A5A5A5A);

            var r = k.K.LOS_KernelRealloc(p, 0x6000);

            Assert.That(r, Is.Not.Zero.And.Not.EqualTo(p));
            Assert.That(k.Word(r), Is.EqualTo(0xA5A5A5A5u));
            Assert.That(k.Word(r + 0x3FFC), Is.EqualTo(0x5A5A5A5Au));
            Assert.That(k.NPages(p), Is.Zero);
            Assert.That(k.NPages(r), Is.EqualTo((ushort)6));
        }

        [Test]
        public void Realloc_of_a_heap_block_stays_in_the_heap_even_when_large()
        {
            var k = new Kmalloc();
            var p = k.K.LOS_KernelMalloc(100);

            var r = k.K.LOS_KernelRealloc(p, 0x8000);

            Assert.That(k.Heap.OsMemIsHeapNode(r), Is.True);
        }

        [Test]
        public void Realloc_of_null_mallocs()
        {
            var k = new Kmalloc();

            Assert.That(k.K.LOS_KernelRealloc(0, 0x4000), Is.EqualTo(FirstContiguousBlock(4)));
        }

        [Test]
        public void Malloc_align_uses_pages_only_for_large_sizes_with_a_boundary_dividing_the_page()
        {
            var k = new Kmalloc();

            var paged = k.K.LOS_KernelMallocAlign(0x4000, 0x1000);
            var heaped = k.K.LOS_KernelMallocAlign(0x4000, 0x2000);

            Assert.That(k.Heap.OsMemIsHeapNode(paged), Is.False);
            Assert.That(k.NPages(paged), Is.EqualTo((ushort)4));
            Assert.That(k.Heap.OsMemIsHeapNode(heaped), Is.True);
            Assert.That(heaped % 0x2000, Is.Zero);
        }

        [Test]
        public void Malloc_of_size_0_returns_null_from_the_heap()
        {
            var k = new Kmalloc();
            var logs = k.Phys.Log.Lines.Count;

            Assert.That(k.K.LOS_KernelMalloc(0), Is.Zero);
            Assert.That(k.Phys.Log.Lines.Count - logs, Is.EqualTo(1));
        }

        [Test]
        public void Large_malloc_with_pages_exhausted_returns_null_with_one_line()
        {
            var k = new Kmalloc();
            var logs = k.Phys.Log.Lines.Count;

            Assert.That(k.K.LOS_KernelMalloc(0x08000000), Is.Zero);
            Assert.That(k.Phys.Log.Lines.Count - logs, Is.EqualTo(1));
        }
    }
}
