using System.Linq;
using HarmonyRenode.Core.Pages;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Pages
{
    public class VmPhysTests
    {
        [Test]
        public void Boot_releases_the_segment_as_maximal_naturally_aligned_blocks()
        {
            var f = new PhysFixture();

            var blocks = f.FreeBlocks();
            Assert.That(blocks.Take(4), Is.EqualTo(new[] { (0, 0x4025D000u), (1, 0x4025E000u), (5, 0x40260000u), (7, 0x40280000u) }));
            Assert.That(blocks.Skip(4).Select(b => b.Order), Is.All.EqualTo(8));
            Assert.That(blocks.Skip(4).Select(b => b.Pa), Is.EqualTo(Enumerable.Range(0, 61).Select(i => 0x40300000u + (uint)i * 0x100000)));
            Assert.That(f.Phys.FreePageCount, Is.EqualTo(15779));
        }

        [Test]
        public void Single_pages_come_from_the_lowest_order_and_split_pushes_upper_halves_down()
        {
            var f = new PhysFixture();

            var pas = Enumerable.Range(0, 5).Select(_ => f.Phys.LOS_PhysPageAlloc().PhysAddr).ToArray();

            Assert.That(pas, Is.EqualTo(new[] { 0x4025D000u, 0x4025E000u, 0x4025F000u, 0x40260000u, 0x40261000u }));
            Assert.That(f.Phys.Segments[0].FreeList[4].First.PhysAddr, Is.EqualTo(0x40270000u));
            Assert.That(f.Phys.Segments[0].FreeList[1].First.PhysAddr, Is.EqualTo(0x40262000u));
        }

        [Test]
        public void First_contiguous_allocation_of_three_pages_trims_the_fourth_back()
        {
            var f = new PhysFixture();

            var kva = f.Phys.LOS_PhysPagesAllocContiguous(3);

            Assert.That(kva, Is.EqualTo(0x40260000u));
            Assert.That(f.Phys.LOS_VmPageGet(0x40260000).NPages, Is.EqualTo(3));
            Assert.That(f.Phys.Segments[0].FreeList[0].Select(p => p.PhysAddr), Is.EqualTo(new[] { 0x4025D000u, 0x40263000u }));
            Assert.That(f.Phys.FreePageCount, Is.EqualTo(15779 - 3));
        }

        [Test]
        public void Free_lists_are_fifo_within_an_order()
        {
            var f = new PhysFixture();
            var a = f.Phys.LOS_PhysPageAlloc();
            var b = f.Phys.LOS_PhysPageAlloc();
            var c = f.Phys.LOS_PhysPageAlloc();

            f.Phys.LOS_PhysPageFree(c);
            f.Phys.LOS_PhysPageFree(a);

            // c merged with nothing (its buddy b is allocated) and went to the tail; a likewise. FIFO returns c first.
            Assert.That(f.Phys.LOS_PhysPageAlloc(), Is.SameAs(c));
            Assert.That(f.Phys.LOS_PhysPageAlloc(), Is.SameAs(a));
            Assert.That(b.RefCounts, Is.Zero);
        }

        [Test]
        public void Free_merges_with_free_buddy_up_to_order_8()
        {
            var f = new PhysFixture();
            var before = f.FreeBlocks();
            var kva = f.Phys.LOS_PhysPagesAllocContiguous(256);
            Assert.That(kva, Is.EqualTo(0x40300000u));

            f.Phys.LOS_PhysPagesFreeContiguous(f.Phys.LOS_VmPageGet(0x40300000), 256);

            var after = f.FreeBlocks();
            Assert.That(after, Is.EquivalentTo(before));
            Assert.That(after.Last(), Is.EqualTo((8, 0x40300000u)), "the freed block goes to the tail of its list");
        }

        [Test]
        public void Merging_never_builds_a_block_above_order_8()
        {
            var f = new PhysFixture();
            f.Phys.LOS_PhysPagesAllocContiguous(512);

            f.Phys.LOS_PhysPagesFreeContiguous(f.Phys.LOS_VmPageGet(0x40300000), 512);

            Assert.That(f.FreeBlocks().Max(b => b.Order), Is.EqualTo(8));
        }

        [Test]
        public void More_than_256_pages_take_consecutive_order_8_heads_and_trim_to_the_request()
        {
            var f = new PhysFixture();

            var kva = f.Phys.LOS_PhysPagesAllocContiguous(300);

            Assert.That(kva, Is.EqualTo(0x40300000u));
            Assert.That(f.Phys.FreePageCount, Is.EqualTo(15779 - 300));
            var seg = f.Phys.Segments[0];
            // the second MiB's last 212 pages come back as 128+64+16+4 blocks, naturally aligned.
            Assert.That(seg.FreeList[2].Select(p => p.PhysAddr), Does.Contain(0x4042C000u));
            Assert.That(seg.FreeList[7].Select(p => p.PhysAddr), Does.Contain(0x40480000u));
        }

        [Test]
        public void Large_allocation_fails_when_no_run_of_free_MiB_blocks_is_long_enough()
        {
            var f = new PhysFixture();

            Assert.That(f.Phys.LOS_PhysPagesAllocContiguous(62 * 256), Is.Zero);
            Assert.That(f.Phys.LOS_PhysPagesAllocContiguous(61 * 256), Is.EqualTo(0x40300000u));
        }

        [Test]
        public void Phys_pages_alloc_links_independent_single_pages_into_the_callers_list()
        {
            var f = new PhysFixture();
            var list = new PageList();

            var got = f.Phys.LOS_PhysPagesAlloc(4, list);

            Assert.That(got, Is.EqualTo(4));
            Assert.That(list.Select(p => p.PhysAddr), Is.EqualTo(new[] { 0x4025D000u, 0x4025E000u, 0x4025F000u, 0x40260000u }));
            Assert.That(f.Phys.LOS_PhysPagesFree(list), Is.EqualTo(4));
            Assert.That(list.Count, Is.Zero);
            Assert.That(f.Phys.FreePageCount, Is.EqualTo(15779));
        }

        [Test]
        public void Phys_pages_alloc_of_zero_pages_or_without_a_list_returns_zero()
        {
            var f = new PhysFixture();

            Assert.That(f.Phys.LOS_PhysPagesAlloc(0, new PageList()), Is.Zero);
            Assert.That(f.Phys.LOS_PhysPagesAlloc(3, null), Is.Zero);
            Assert.That(f.Phys.LOS_PhysPagesAllocContiguous(0), Is.Zero);
        }

        [Test]
        public void Page_free_only_releases_when_the_last_reference_goes()
        {
            var f = new PhysFixture();
            var page = f.Phys.LOS_PhysPageAlloc();
            page.RefCounts = 2;

            f.Phys.LOS_PhysPageFree(page);
            Assert.That(page.RefCounts, Is.EqualTo(1));
            Assert.That(f.Phys.IsFree(page), Is.False);

            f.Phys.LOS_PhysPageFree(page);
            Assert.That(page.RefCounts, Is.Zero);
            Assert.That(f.Phys.IsFree(page), Is.True);
        }

        [Test]
        public void Double_page_free_is_refused_with_one_log_line_and_no_change()
        {
            var f = new PhysFixture();
            var page = f.Phys.LOS_PhysPageAlloc();
            f.Phys.LOS_PhysPageFree(page);
            var before = f.FreeBlocks();

            f.Phys.LOS_PhysPageFree(page);

            Assert.That(f.Log.Errors, Has.Count.EqualTo(1).And.Some.Contains("double free"));
            Assert.That(f.FreeBlocks(), Is.EqualTo(before));
            Assert.That(page.RefCounts, Is.Zero);
        }

        [Test]
        public void Double_contiguous_free_is_refused_with_one_log_line_and_no_change()
        {
            var f = new PhysFixture();
            var kva = f.Phys.LOS_PhysPagesAllocContiguous(8);
            var head = f.Phys.LOS_VmPageGet(f.Config.KernelVaToPa(kva));
            f.Phys.LOS_PhysPagesFreeContiguous(head, 8);
            var before = f.FreeBlocks();

            var status = f.Phys.LOS_PhysPagesFreeContiguous(head, 8);

            Assert.That(status, Is.EqualTo(VmStatus.InvalidArgs));
            Assert.That(f.Log.Errors, Has.Count.EqualTo(1));
            Assert.That(f.FreeBlocks(), Is.EqualTo(before));
        }

        [Test]
        public void Exhausted_memory_returns_null_and_leaves_lists_alone()
        {
            var f = new PhysFixture(new MemoryConfig { ManagedSize = 0x00400000 });
            var total = f.Phys.TotalPageCount;
            for (var i = 0; i < total; i++)
            {
                Assert.That(f.Phys.LOS_PhysPageAlloc(), Is.Not.Null);
            }

            Assert.That(f.Phys.LOS_PhysPageAlloc(), Is.Null);
            Assert.That(f.Phys.LOS_PhysPagesAllocContiguous(2), Is.Zero);
            Assert.That(f.Phys.FreePageCount, Is.Zero);
        }

        [Test]
        public void Head_page_records_the_requested_count_truncated_to_16_bits()
        {
            var f = new PhysFixture(new MemoryConfig { ManagedSize = 0x20000000, RamSize = 0x40000000 });

            var kva = f.Phys.LOS_PhysPagesAllocContiguous(70000);

            Assert.That(kva, Is.Not.Zero);
            Assert.That(f.Phys.LOS_VmPageGet(f.Config.KernelVaToPa(kva)).NPages, Is.EqualTo((ushort)(70000 - 65536)));
        }

        [Test]
        public void Share_copy_reuses_the_page_of_the_last_sharer()
        {
            var f = new PhysFixture();
            var old = f.Phys.LOS_PhysPageAlloc();
            old.RefCounts = 1;
            var fresh = f.Phys.LOS_PhysPageAlloc();
            var newPa = fresh.PhysAddr;

            f.Phys.OsPhysSharePageCopy(old.PhysAddr, ref newPa, fresh);

            Assert.That(newPa, Is.EqualTo(old.PhysAddr));
            Assert.That(fresh.RefCounts, Is.Zero);
        }

        [Test]
        public void Share_copy_moves_content_and_one_reference_to_the_new_page()
        {
            var f = new PhysFixture();
            var old = f.Phys.LOS_PhysPageAlloc();
            old.RefCounts = 2;
            f.Memory.WriteUInt32(old.PhysAddr + 0x10, 0xCAFEBABE);
            var fresh = f.Phys.LOS_PhysPageAlloc();
            var newPa = fresh.PhysAddr;

            f.Phys.OsPhysSharePageCopy(old.PhysAddr, ref newPa, fresh);

            Assert.That(newPa, Is.EqualTo(fresh.PhysAddr));
            Assert.That(f.Memory.ReadUInt32(fresh.PhysAddr + 0x10), Is.EqualTo(0xCAFEBABEu));
            Assert.That((old.RefCounts, fresh.RefCounts), Is.EqualTo((1, 1)));
        }

        [TestCase(1, 0)]
        [TestCase(2, 1)]
        [TestCase(3, 2)]
        [TestCase(256, 8)]
        [TestCase(257, 9)]
        public void Pages_to_order_is_the_smallest_covering_order(int pages, int order)
        {
            Assert.That(VmPhys.OsVmPagesToOrder(pages), Is.EqualTo(order));
        }

        [TestCase(0x00000000u, 8)]
        [TestCase(0x40001000u, 0)]
        [TestCase(0x40004000u, 2)]
        [TestCase(0x40400000u, 8)]
        public void Phys_to_order_is_the_natural_alignment_capped_at_8(uint pa, int order)
        {
            Assert.That(VmPhys.PhysToOrder(pa), Is.EqualTo(order));
        }
    }
}
