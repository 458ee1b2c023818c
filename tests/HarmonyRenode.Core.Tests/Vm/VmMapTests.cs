using System.Linq;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Vm
{
    public class VmMapTests
    {
        private const RegionFlags Rw = RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite;

        [Test]
        public void Spaces_boot_as_kernel_then_vmalloc_and_user_spaces_are_inserted_at_the_list_head()
        {
            var f = new VmFixture();
            var spaces = f.Vm.Spaces;

            Assert.That(spaces.SpaceList, Is.EqualTo(new[] { f.User, spaces.VmallocSpace, spaces.KernelSpace }));
            Assert.That(spaces.KernelSpace.Base, Is.EqualTo(0x40000000u));
            Assert.That(spaces.KernelSpace.Size, Is.EqualTo(0x40000000u));
            Assert.That(spaces.VmallocSpace.MapBase, Is.EqualTo(0xC0000000u));
            Assert.That(spaces.VmallocSpace.MapSize, Is.EqualTo(0x08000000u));
            Assert.That(f.User.Base, Is.EqualTo(0x01000000u));
            Assert.That(f.User.Size, Is.EqualTo(0x3E000000u));
            Assert.That(f.User.MapBase, Is.EqualTo(0x1F800000u));
            Assert.That(f.User.MapSize, Is.EqualTo(0x07C00000u));
            Assert.That(f.User.HeapBase, Is.EqualTo(0x0FC00000u));
            Assert.That(f.User.HeapNow, Is.EqualTo(0x0FC00000u));
            Assert.That(f.User.Heap, Is.Null);
        }

        [TestCase(0x40000000u, VmSpaceKind.Kernel)]
        [TestCase(0x7FFFFFFFu, VmSpaceKind.Kernel)]
        [TestCase(0x01000000u, VmSpaceKind.User)]
        [TestCase(0x3EFFFFFFu, VmSpaceKind.User)]
        [TestCase(0xC0000000u, VmSpaceKind.Vmalloc)]
        [TestCase(0xC7FFFFFFu, VmSpaceKind.Vmalloc)]
        public void Space_get_chooses_the_space_by_address_class(uint va, VmSpaceKind kind)
        {
            var f = new VmFixture();

            Assert.That(f.Vm.Spaces.LOS_SpaceGet(va).Kind, Is.EqualTo(kind));
        }

        [TestCase(0x00FFFFFFu)]
        [TestCase(0x3F000000u)]
        [TestCase(0x80000000u)]
        [TestCase(0xC8000000u)]
        public void Space_get_returns_null_outside_every_space(uint va)
        {
            Assert.That(new VmFixture().Vm.Spaces.LOS_SpaceGet(va), Is.Null);
        }

        [Test]
        public void Region_alloc_is_first_fit_from_map_base_and_refills_a_freed_gap()
        {
            var f = new VmFixture();
            var a = f.Map.LOS_RegionAlloc(f.User, 0, 0x3000, Rw, 0);
            var b = f.Map.LOS_RegionAlloc(f.User, 0, 0x2000, Rw, 0);
            var c = f.Map.LOS_RegionAlloc(f.User, 0, 0x1000, Rw, 0);
            Assert.That(new[] { a.Base, b.Base, c.Base }, Is.EqualTo(new[] { 0x1F800000u, 0x1F803000u, 0x1F805000u }));

            f.Map.LOS_RegionFree(f.User, b);
            var d = f.Map.LOS_RegionAlloc(f.User, 0, 0x1000, Rw, 0);

            Assert.That(d.Base, Is.EqualTo(0x1F803000u));
            Assert.That(d.RegionType, Is.EqualTo(VmMapRegionType.None));
            Assert.That(d.Shmid, Is.EqualTo(-1));
            Assert.That(d.Space, Is.SameAs(f.User));
        }

        [Test]
        public void Alloc_range_quirk_a_gap_above_the_map_window_is_returned_when_a_region_lies_above_it()
        {
            var f = new VmFixture();
            f.Map.LOS_RegionAlloc(f.User, f.User.MapBase, f.User.MapSize, Rw | RegionFlags.Fixed, 0);
            Assert.That(f.Map.OsAllocRange(f.User, 0x1000), Is.Zero, "window full and nothing above it");

            f.Map.LOS_RegionAlloc(f.User, 0x30000000, 0x1000, Rw | RegionFlags.Stack | RegionFlags.Fixed, 0);

            Assert.That(f.Map.OsAllocRange(f.User, 0x1000), Is.EqualTo(0x27400000u), "mapBase + mapSize, outside the window");
        }

        [Test]
        public void Specific_range_without_overlap_is_taken_as_given_and_with_overlap_falls_back_to_first_fit()
        {
            var f = new VmFixture();
            var hinted = f.Map.LOS_RegionAlloc(f.User, 0x02000000, 0x2000, Rw, 0);
            var again = f.Map.LOS_RegionAlloc(f.User, 0x02001000, 0x2000, Rw, 0);

            Assert.That(hinted.Base, Is.EqualTo(0x02000000u));
            Assert.That(again.Base, Is.EqualTo(0x1F800000u));
        }

        [Test]
        public void Fixed_noreplace_over_an_existing_region_fails_with_one_line_and_no_change()
        {
            var f = new VmFixture();
            f.Map.LOS_RegionAlloc(f.User, 0x02000000, 0x2000, Rw, 0);
            f.Touch(f.User, 0x02000000);
            var before = f.Snapshot();
            f.Log.Errors.Clear();

            var region = f.Map.LOS_RegionAlloc(f.User, 0x02001000, 0x1000, Rw | RegionFlags.FixedNoReplace, 0);

            Assert.That(region, Is.Null);
            Assert.That(f.Log.Errors, Has.Count.EqualTo(1));
            Assert.That(f.Log.Errors[0], Does.StartWith("[ERR]LOS_RegionAlloc alloc specific range va: 0x2001000"));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }

        [Test]
        public void Fixed_over_an_existing_region_unmaps_the_overlap_and_frees_its_pages()
        {
            var f = new VmFixture();
            f.Map.LOS_RegionAlloc(f.User, 0x02000000, 0x3000, Rw, 0);
            var page = f.Touch(f.User, 0x02001000);

            var region = f.Map.LOS_RegionAlloc(f.User, 0x02001000, 0x1000, Rw | RegionFlags.Fixed, 0);

            Assert.That(region.Base, Is.EqualTo(0x02001000u));
            Assert.That(f.User.Regions.Select(r => (r.Base, r.Size)),
                Is.EqualTo(new[] { (0x02000000u, 0x1000u), (0x02001000u, 0x1000u), (0x02002000u, 0x1000u) }));
            Assert.That(f.PaOf(f.User, 0x02001000), Is.Zero);
            Assert.That(f.Phys.IsFree(page), Is.True);
        }

        [Test]
        public void Fixed_quirk_unmaps_in_the_current_process_space_not_in_the_target_space()
        {
            var f = new VmFixture();
            var other = f.Vm.Spaces.OsCreateUserVmSpace();
            f.Map.LOS_RegionAlloc(other, 0x02000000, 0x2000, Rw, 0);
            f.Map.LOS_RegionAlloc(f.User, 0x02000000, 0x2000, Rw, 0);

            var region = f.Map.LOS_RegionAlloc(other, 0x02000000, 0x2000, Rw | RegionFlags.Fixed, 0);

            Assert.That(region, Is.Null, "the target space still holds its region, so the insert fails");
            Assert.That(f.User.Regions, Is.Empty, "the current space lost its region instead");
            Assert.That(other.Regions, Has.Count.EqualTo(1));
            Assert.That(f.Log.Errors.Last(), Does.StartWith("[ERR]OsInsertRegion insert region failed, base: 0x2000000, size: 0x2000"));
        }

        [Test]
        public void Region_free_of_an_anonymous_region_unmaps_and_frees_only_the_mapped_pages()
        {
            var f = new VmFixture();
            var free = f.Phys.FreePageCount;
            var region = f.Map.LOS_RegionAlloc(f.User, 0, 0x4000, Rw, 0);
            var page = f.Touch(f.User, region.Base + 0x1000);
            f.Touch(f.User, region.Base + 0x3000);

            Assert.That(f.User.MappedPageCount(region), Is.EqualTo(2));
            Assert.That(f.Map.LOS_RegionFree(f.User, region), Is.EqualTo(VmStatus.NoError));

            Assert.That(f.User.Regions, Is.Empty);
            Assert.That(f.PaOf(f.User, region.Base + 0x1000), Is.Zero);
            Assert.That(page.RefCounts, Is.Zero);
            Assert.That(f.Phys.FreePageCount, Is.EqualTo(free));
        }

        [Test]
        public void Region_free_of_a_device_region_unmaps_everything_when_the_first_page_is_mapped_and_frees_no_page()
        {
            var f = new VmFixture();
            var region = f.Map.LOS_RegionAlloc(f.User, 0x03000000, 0x2000, Rw | RegionFlags.UncachedDevice, 0);
            region.RegionType = VmMapRegionType.Dev;
            f.User.ArchMmu.LOS_ArchMmuMap(0x03000000, 0x09000000, 2, region.RegionFlags);

            f.Map.LOS_RegionFree(f.User, region);

            Assert.That(f.PaOf(f.User, 0x03000000), Is.Zero);
            Assert.That(f.PaOf(f.User, 0x03001000), Is.Zero);
        }

        [Test]
        public void Region_free_quirk_a_device_region_whose_first_page_is_unmapped_keeps_its_other_mappings()
        {
            var f = new VmFixture();
            var region = f.Map.LOS_RegionAlloc(f.User, 0x03000000, 0x2000, Rw | RegionFlags.UncachedDevice, 0);
            region.RegionType = VmMapRegionType.Dev;
            f.User.ArchMmu.LOS_ArchMmuMap(0x03001000, 0x09001000, 1, region.RegionFlags);

            f.Map.LOS_RegionFree(f.User, region);

            Assert.That(f.PaOf(f.User, 0x03001000), Is.EqualTo(0x09001000u));
            Assert.That(f.MappingsOutsideRegions(f.User, 0x03000000, 0x03002000), Is.EqualTo(new[] { "0x03001000" }));
        }

        [Test]
        public void Region_free_with_null_arguments_is_invalid_args_with_one_line()
        {
            var f = new VmFixture();

            Assert.That(f.Map.LOS_RegionFree(f.User, null), Is.EqualTo(VmStatus.InvalidArgs));
            Assert.That(f.Log.Errors, Has.Count.EqualTo(1));
            Assert.That(f.Log.Errors[0], Does.StartWith("[ERR]LOS_RegionFree args error"));
        }

        [Test]
        public void Region_double_free_is_refused_with_one_line_and_no_change()
        {
            var f = new VmFixture();
            var region = f.Map.LOS_RegionAlloc(f.User, 0x02000000, 0x1000, Rw, 0);
            f.Map.LOS_RegionFree(f.User, region);
            var reuse = f.Map.LOS_RegionAlloc(f.User, 0x02000000, 0x1000, Rw, 0);
            f.Touch(f.User, 0x02000000);
            var before = f.Snapshot();

            Assert.That(f.Map.LOS_RegionFree(f.User, region), Is.EqualTo(VmStatus.InvalidArgs));

            Assert.That(f.Log.Errors, Has.Count.EqualTo(1));
            Assert.That(f.Log.Errors[0], Does.Contain("double free"));
            Assert.That(f.Snapshot(), Is.EqualTo(before), "the new region at the same address keeps its page");
            Assert.That(VmMap.LOS_RegionFind(f.User, 0x02000000), Is.SameAs(reuse));
        }

        [Test]
        public void Split_quirk_a_split_at_the_region_base_takes_the_old_node_out_of_the_tree_without_freeing_it()
        {
            var f = new VmFixture();
            var region = f.Map.LOS_RegionAlloc(f.User, 0x02000000, 0x3000, Rw, 0);

            var tail = f.Map.OsVmRegionSplit(region, 0x02000000);

            Assert.That(region.Size, Is.Zero);
            Assert.That(region.IsFreed, Is.False);
            Assert.That(f.User.Regions, Is.EqualTo(new[] { tail }));
            Assert.That(tail.Size, Is.EqualTo(0x3000u));
            Assert.That(tail.RegionFlags, Is.EqualTo(Rw | RegionFlags.Fixed));
        }

        [Test]
        public void Split_gives_the_tail_a_fixed_copy_of_the_flags_and_a_page_offset_and_leaves_mappings_alone()
        {
            var f = new VmFixture();
            var region = f.Map.LOS_RegionAlloc(f.User, 0x02000000, 0x4000, Rw | RegionFlags.Stack, 5);
            region.RegionType = VmMapRegionType.Anon;
            var page = f.Touch(f.User, 0x02003000);

            var tail = f.Map.OsVmRegionSplit(region, 0x02001000);

            Assert.That((region.Base, region.Size), Is.EqualTo((0x02000000u, 0x1000u)));
            Assert.That((tail.Base, tail.Size, tail.PgOff), Is.EqualTo((0x02001000u, 0x3000u, 6u)));
            Assert.That(tail.RegionFlags, Is.EqualTo(Rw | RegionFlags.Stack | RegionFlags.Fixed));
            Assert.That(tail.RegionType, Is.EqualTo(VmMapRegionType.Anon));
            Assert.That(f.PaOf(f.User, 0x02003000), Is.EqualTo(page.PhysAddr));
        }

        [Test]
        public void Unmap_of_the_middle_of_a_region_splits_it_into_three_and_frees_the_middle()
        {
            var f = new VmFixture();
            var region = f.Map.LOS_RegionAlloc(f.User, 0, 0x3000, Rw, 0);
            for (uint i = 0; i < 3; i++)
            {
                f.Touch(f.User, region.Base + i * 0x1000);
            }
            var free = f.Phys.FreePageCount;

            Assert.That(f.Map.LOS_UnMMap(region.Base + 0x1000, 0x1000), Is.Zero);

            Assert.That(f.User.Regions.Select(r => (r.Base, r.Size)),
                Is.EqualTo(new[] { (0x1F800000u, 0x1000u), (0x1F802000u, 0x1000u) }));
            Assert.That(f.PaOf(f.User, 0x1F801000), Is.Zero);
            Assert.That(f.PaOf(f.User, 0x1F802000), Is.Not.Zero);
            Assert.That(f.Phys.FreePageCount, Is.EqualTo(free + 1));
            Assert.That(f.MappingsOutsideRegions(f.User, 0x1F800000, 0x1F804000), Is.Empty);
        }

        [Test]
        public void Unmap_quirk_an_unaligned_address_is_rounded_up_not_down()
        {
            var f = new VmFixture();
            var region = f.Map.LOS_RegionAlloc(f.User, 0, 0x3000, Rw, 0);

            f.Map.LOS_UnMMap(region.Base + 0x800, 0x1000);

            Assert.That(f.User.Regions.Select(r => (r.Base, r.Size)),
                Is.EqualTo(new[] { (0x1F800000u, 0x1000u), (0x1F802000u, 0x1000u) }), "page 1 went, page 0 stayed");
        }

        [Test]
        public void Unmap_over_several_regions_removes_the_covered_ones_and_trims_the_edges()
        {
            var f = new VmFixture();
            f.Map.LOS_RegionAlloc(f.User, 0x02000000, 0x2000, Rw, 0);
            f.Map.LOS_RegionAlloc(f.User, 0x02003000, 0x1000, Rw, 0);
            f.Map.LOS_RegionAlloc(f.User, 0x02005000, 0x2000, Rw, 0);

            f.Map.LOS_UnMMap(0x02001000, 0x5000);

            Assert.That(f.User.Regions.Select(r => (r.Base, r.Size)),
                Is.EqualTo(new[] { (0x02000000u, 0x1000u), (0x02006000u, 0x1000u) }));
        }

        [TestCase(0u, 0x1000u)]
        [TestCase(0x02000000u, 0u)]
        public void Unmap_of_address_or_size_zero_is_einval_with_one_line_and_no_change(uint addr, uint size)
        {
            var f = new VmFixture();
            f.Map.LOS_RegionAlloc(f.User, 0x02000000, 0x1000, Rw, 0);
            var before = f.Snapshot();

            Assert.That(f.Sys.LOS_UnMMap(addr, size), Is.EqualTo(-LosReturn.EINVAL));

            Assert.That(f.Log.Errors, Has.Count.EqualTo(1));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }

        [Test]
        public void Is_range_in_space_accepts_size_zero_and_refuses_wrap_and_overrun()
        {
            var f = new VmFixture();

            Assert.That(VmMap.LOS_IsRangeInSpace(f.User, 0x01000000, 0), Is.True);
            Assert.That(VmMap.LOS_IsRangeInSpace(f.User, 0x3EFFF000, 0x1000), Is.True);
            Assert.That(VmMap.LOS_IsRangeInSpace(f.User, 0x3EFFF000, 0x1001), Is.False);
            Assert.That(VmMap.LOS_IsRangeInSpace(f.User, 0x00FFF000, 0x1000), Is.False);
            Assert.That(VmMap.LOS_IsRangeInSpace(f.User, 0x02000000, 0xFF000000), Is.False);
        }

        [Test]
        public void Reserve_creates_a_fixed_region_and_rejects_bad_input_with_one_line_each()
        {
            var f = new VmFixture();
            Assert.That(f.Map.LOS_VmSpaceReserve(f.User, 0x2000, 0x02000000), Is.EqualTo(VmStatus.NoError));
            Assert.That(f.User.Regions.Single().RegionFlags, Is.EqualTo(RegionFlags.Fixed));
            var before = f.Snapshot();

            Assert.That(f.Map.LOS_VmSpaceReserve(f.User, 0, 0x03000000), Is.EqualTo(VmStatus.InvalidArgs));
            Assert.That(f.Map.LOS_VmSpaceReserve(f.User, 0x1000, 0x03000800), Is.EqualTo(VmStatus.InvalidArgs));
            Assert.That(f.Map.LOS_VmSpaceReserve(f.User, 0x1800, 0x03000000), Is.EqualTo(VmStatus.InvalidArgs));
            Assert.That(f.Map.LOS_VmSpaceReserve(f.User, 0x2000, 0x3EFFF000), Is.EqualTo(VmStatus.OutOfRange));
            Assert.That(f.Map.LOS_VmSpaceReserve(null, 0x1000, 0x03000000), Is.EqualTo(VmStatus.InvalidArgs));

            Assert.That(f.Log.Errors, Has.Count.EqualTo(5));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }

        [Test]
        public void Space_free_releases_pages_and_tables_unlinks_the_space_and_clears_the_current_space()
        {
            var f = new VmFixture();
            var freeBefore = f.Phys.FreePageCount;
            var space = f.Vm.Spaces.OsCreateUserVmSpace();
            f.Vm.Spaces.CurrentSpace = space;
            var region = f.Map.LOS_RegionAlloc(space, 0, 0x2000, Rw, 0);
            f.Touch(space, region.Base);
            f.Touch(space, 0x1F801000);

            Assert.That(f.Map.LOS_VmSpaceFree(space), Is.EqualTo(VmStatus.NoError));

            Assert.That(f.Phys.FreePageCount, Is.EqualTo(freeBefore), "data pages, L2 table page and the L1 page are back");
            Assert.That(f.Vm.Spaces.SpaceList, Does.Not.Contain(space));
            Assert.That(f.Vm.Spaces.CurrentSpace, Is.Null);
            f.Tlb.Verify(t => t.InvalidateAsid(space.ArchMmu.Asid), Moq.Times.Once());
        }

        [Test]
        public void Space_free_refuses_the_kernel_space_with_ok_and_a_second_free_with_invalid_args()
        {
            var f = new VmFixture();
            var space = f.Vm.Spaces.OsCreateUserVmSpace();

            Assert.That(f.Map.LOS_VmSpaceFree(f.Vm.Spaces.KernelSpace), Is.EqualTo(VmStatus.NoError));
            Assert.That(f.Log.Errors.Single(), Is.EqualTo("[ERR]LOS_VmSpaceFree try to free kernel aspace, not allowed"));
            Assert.That(f.Vm.Spaces.SpaceList, Does.Contain(f.Vm.Spaces.KernelSpace));

            f.Map.LOS_VmSpaceFree(space);
            var before = f.Snapshot();
            f.Log.Errors.Clear();
            Assert.That(f.Map.LOS_VmSpaceFree(space), Is.EqualTo(VmStatus.InvalidArgs));
            Assert.That(f.Log.Errors, Has.Count.EqualTo(1));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }
    }
}
