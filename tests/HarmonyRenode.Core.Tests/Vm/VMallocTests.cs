using System.Linq;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Vm
{
    public class VMallocTests
    {
        [Test]
        public void First_vmalloc_lands_at_0xC0000000_and_the_next_follows_it_rounded_to_pages()
        {
            var f = new VmFixture();

            var first = f.Vm.VMalloc.LOS_VMalloc(0x1800);
            var second = f.Vm.VMalloc.LOS_VMalloc(0x1000);

            Assert.That(first, Is.EqualTo(0xC0000000u));
            Assert.That(second, Is.EqualTo(0xC0002000u));
            var region = f.Vm.Spaces.VmallocSpace.Regions.First();
            Assert.That(region.Size, Is.EqualTo(0x2000u));
            Assert.That(region.RegionFlags, Is.EqualTo(RegionFlags.PermRead | RegionFlags.PermWrite), "kernel-only, cached, no exec");
        }

        [Test]
        public void Vmalloc_maps_one_single_page_per_va_with_refcount_one()
        {
            var f = new VmFixture();

            var va = f.Vm.VMalloc.LOS_VMalloc(0x3000);

            var space = f.Vm.Spaces.VmallocSpace;
            var pas = Enumerable.Range(0, 3).Select(i => f.Vm.VMalloc.LOS_PaddrQuery(va + (uint)i * 0x1000)).ToList();
            Assert.That(pas, Has.None.EqualTo(0u));
            Assert.That(pas.Distinct().Count(), Is.EqualTo(3));
            Assert.That(pas.Select(pa => f.Phys.LOS_VmPageGet(pa).RefCounts), Is.All.EqualTo(1));
            Assert.That(f.Phys.Pages.Count(p => p.RefCounts > 0), Is.EqualTo(3), "no other page got a reference");
            Assert.That(space.MappedPageCount(space.Regions.Single()), Is.EqualTo(3));
            Assert.That(f.Vm.VMalloc.LOS_PaddrQuery(va + 0x1234), Is.EqualTo(pas[1] + 0x234));
        }

        [Test]
        public void Vfree_unmaps_and_frees_the_pages_of_the_region_containing_the_address()
        {
            var f = new VmFixture();
            var free = f.Phys.FreePageCount;
            var va = f.Vm.VMalloc.LOS_VMalloc(0x2000);

            f.Vm.VMalloc.LOS_VFree(va + 0x1000);

            Assert.That(f.Vm.Spaces.VmallocSpace.Regions, Is.Empty);
            Assert.That(f.Vm.VMalloc.LOS_PaddrQuery(va), Is.Zero);
            Assert.That(f.Phys.FreePageCount, Is.EqualTo(free));
            Assert.That(f.Log.Errors, Is.Empty);
        }

        [Test]
        public void Vfree_twice_logs_find_region_failed_once_and_changes_nothing()
        {
            var f = new VmFixture();
            var va = f.Vm.VMalloc.LOS_VMalloc(0x1000);
            f.Vm.VMalloc.LOS_VFree(va);
            var before = f.Snapshot();

            f.Vm.VMalloc.LOS_VFree(va);

            Assert.That(f.Log.Errors, Is.EqualTo(new[] { "[ERR]LOS_VFree find region failed" }));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }

        [Test]
        public void Vfree_of_null_logs_addr_is_null()
        {
            var f = new VmFixture();

            f.Vm.VMalloc.LOS_VFree(0);

            Assert.That(f.Log.Errors, Is.EqualTo(new[] { "[ERR]LOS_VFree addr is NULL!" }));
        }

        [TestCase(0u)]
        [TestCase(0x08000001u)]
        [TestCase(0xFFFFF001u)]
        public void Vmalloc_of_size_zero_or_above_the_space_returns_null_with_one_line_and_no_change(uint size)
        {
            var f = new VmFixture();
            var before = f.Snapshot();

            Assert.That(f.Vm.VMalloc.LOS_VMalloc(size), Is.Zero);

            Assert.That(f.Log.Errors, Has.Count.EqualTo(1));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }

        [Test]
        public void Vmalloc_beyond_the_free_pages_takes_every_page_and_frees_them_again_as_the_kernel_does()
        {
            var f = new VmFixture();
            var reference = new VmFixture();
            Fragment(f);
            Fragment(reference);
            var ask = f.Phys.FreePageCount + 1;

            Assert.That(f.Vm.VMalloc.LOS_VMalloc((uint)ask * 0x1000), Is.Zero);

            Assert.That(f.Log.Errors, Is.EqualTo(new[] { $"[ERR]LOS_VMalloc failed to allocate enough pages (ask {ask}, got {ask - 1})" }));
            // LOS_VMalloc's ERROR path: LOS_PhysPagesAlloc took ask - 1 single pages, LOS_PhysPagesFree returns them.
            var pages = new PageList("reference");
            reference.Phys.LOS_PhysPagesAlloc(ask, pages);
            reference.Phys.LOS_PhysPagesFree(pages);
            Assert.That(f.Snapshot(), Is.EqualTo(reference.Snapshot()));
            Assert.That(f.Phys.FreePageCount, Is.EqualTo(ask - 1));
        }

        [Test]
        public void Vmalloc_with_the_address_space_exhausted_takes_the_pages_and_frees_them_again()
        {
            var f = new VmFixture();
            var reference = new VmFixture();
            foreach (var fixture in new[] { f, reference })
            {
                var space = fixture.Vm.Spaces.VmallocSpace;
                fixture.Map.LOS_RegionAlloc(space, 0, space.Size - 0x1000, RegionFlags.PermRead, 0);
                Fragment(fixture);
            }
            var before = f.Snapshot();

            Assert.That(f.Vm.VMalloc.LOS_VMalloc(0x2000), Is.Zero);

            Assert.That(f.Log.Errors, Is.EqualTo(new[] { "[ERR]LOS_VMalloc alloc region failed, size = 2000" }));
            var pages = new PageList("reference");
            reference.Phys.LOS_PhysPagesAlloc(2, pages);
            reference.Phys.LOS_PhysPagesFree(pages);
            Assert.That(f.Snapshot(), Is.EqualTo(reference.Snapshot()));
            Assert.That(f.Snapshot(), Is.Not.EqualTo(before), "the freed pages are re-queued, not untouched");
            Assert.That(f.Vm.VMalloc.LOS_VMalloc(0x1000), Is.EqualTo(0xC7FFF000u), "the last page still fits");
        }

        /// <summary>Four free single pages whose buddies stay allocated, freed highest first: an order-0 list whose
        /// order differs from the one LOS_PhysPagesAlloc + LOS_PhysPagesFree leave.</summary>
        private static void Fragment(VmFixture f)
        {
            var singles = Enumerable.Range(0, 8).Select(_ => f.Phys.LOS_PhysPageAlloc()).ToList();
            for (var i = 6; i >= 0; i -= 2)
            {
                f.Phys.LOS_PhysPageFree(singles[i]);
            }
        }

        [TestCase(0x80001000u)]
        [TestCase(0xD1000000u)]
        [TestCase(0x00001000u)]
        public void Paddr_query_outside_kernel_user_and_vmalloc_classes_is_zero_with_one_line(uint va)
        {
            var f = new VmFixture();

            Assert.That(f.Vm.VMalloc.LOS_PaddrQuery(va), Is.Zero);

            Assert.That(f.Log.Errors, Is.EqualTo(new[] { "[ERR]LOS_PaddrQuery vaddr is beyond range" }));
        }

        [Test]
        public void Paddr_query_of_an_unmapped_vmalloc_or_user_address_is_zero_without_a_line()
        {
            var f = new VmFixture();

            Assert.That(f.Vm.VMalloc.LOS_PaddrQuery(0xC0000000), Is.Zero);
            Assert.That(f.Vm.VMalloc.LOS_PaddrQuery(0x1F800000), Is.Zero);
            Assert.That(f.Log.Errors, Is.Empty);
        }

        [Test]
        public void Vaddr_to_paddr_mmap_maps_managed_pages_and_takes_a_reference_on_each()
        {
            var f = new VmFixture();
            var pages = new[] { f.Phys.LOS_PhysPageAlloc(), f.Phys.LOS_PhysPageAlloc() };
            var pa = pages[0].PhysAddr;
            Assert.That(pages[1].PhysAddr, Is.EqualTo(pa + 0x1000), "two consecutive pages from a fresh allocator");
            var flags = RegionFlags.PermUser | RegionFlags.PermRead;

            Assert.That(f.Vm.VMalloc.LOS_VaddrToPaddrMmap(null, 0x02000000, pa, 0x2000, flags), Is.EqualTo(VmStatus.NoError));

            Assert.That(f.PaOf(f.User, 0x02001000), Is.EqualTo(pa + 0x1000));
            Assert.That(pages.Select(p => p.RefCounts), Is.All.EqualTo(1));
            Assert.That(VmMap.LOS_RegionFind(f.User, 0x02000000).RegionFlags, Is.EqualTo(flags));
        }

        [Test]
        public void Vaddr_to_paddr_mmap_refuses_a_free_page_and_a_range_overlapping_a_region_where_the_kernel_would_corrupt()
        {
            var f = new VmFixture();
            var page = f.Phys.LOS_PhysPageAlloc();
            Assert.That(f.Phys.LOS_PhysPageAlloc().PhysAddr, Is.EqualTo(page.PhysAddr + 0x1000), "two consecutive pages from a fresh allocator");
            var free = f.Phys.LOS_PhysPageAlloc();
            f.Phys.LOS_PhysPageFree(free);
            f.Map.LOS_RegionAlloc(f.User, 0x03001000, 0x1000, RegionFlags.PermUser, 0);
            var before = f.Snapshot();
            var vmalloc = f.Vm.VMalloc;

            // The kernel maps a free page and its region's free later hands the page to the buddy lists twice.
            Assert.That(vmalloc.LOS_VaddrToPaddrMmap(f.User, 0x03000000, free.PhysAddr, 0x1000, RegionFlags.PermUser), Is.EqualTo(VmStatus.NotValid));
            // [0x03000000, 0x03002000) runs into the region at 0x03001000: LOS_RegionAlloc places the new region
            // elsewhere, and the kernel would still map at 0x03000000, over that region's page.
            Assert.That(vmalloc.LOS_VaddrToPaddrMmap(f.User, 0x03000000, page.PhysAddr, 0x2000, RegionFlags.PermUser), Is.EqualTo(VmStatus.Busy));

            Assert.That(f.Log.Errors, Is.EqualTo(new[]
            {
                $"[ERR]LOS_VaddrToPaddrMmap paddr 0x{free.PhysAddr:x} is a free page",
                "[ERR]LOS_VaddrToPaddrMmap vaddr : 0x3000000 len 0x2000 overlaps a region",
            }));
            Assert.That(f.User.Regions.Count, Is.EqualTo(1));
            Assert.That(page.RefCounts, Is.Zero);
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }

        [Test]
        public void Vaddr_to_paddr_mmap_rejects_bad_input_with_the_kernel_codes_one_line_each_and_no_change()
        {
            var f = new VmFixture();
            var pa = f.Phys.LOS_PhysPageAlloc().PhysAddr;
            f.Map.LOS_RegionAlloc(f.User, 0x02000000, 0x1000, RegionFlags.PermUser, 0);
            var before = f.Snapshot();
            var vmalloc = f.Vm.VMalloc;

            Assert.That(vmalloc.LOS_VaddrToPaddrMmap(f.User, 0x03000800, pa, 0x1000, 0), Is.EqualTo(VmStatus.NotValid));
            Assert.That(vmalloc.LOS_VaddrToPaddrMmap(f.User, 0x03000000, pa + 4, 0x1000, 0), Is.EqualTo(VmStatus.NotValid));
            Assert.That(vmalloc.LOS_VaddrToPaddrMmap(f.User, 0x03000000, pa, 0x1001, 0), Is.EqualTo(VmStatus.NotValid));
            Assert.That(vmalloc.LOS_VaddrToPaddrMmap(f.User, 0x02000000, pa, 0x1000, 0), Is.EqualTo(VmStatus.Busy));
            Assert.That(vmalloc.LOS_VaddrToPaddrMmap(f.User, 0x03000000, 0x09000000, 0x1000, 0), Is.EqualTo(VmStatus.NotValid));

            Assert.That(f.Log.Errors, Has.Count.EqualTo(5));
            Assert.That(f.Log.Errors[3], Is.EqualTo("[ERR]LOS_VaddrToPaddrMmap vaddr : 0x2000000 already used!"));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }
    }
}
