using System.Linq;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;
using static HarmonyRenode.Core.Vm.MmanFlags;

namespace HarmonyRenode.Core.Tests.Vm
{
    public class VmSyscallsTests
    {
        private const MapFlags Anon = MapFlags.Anonymous | MapFlags.Private;
        private const RegionFlags UserRw = RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite;

        [Test]
        public void Musl_values_of_prot_and_map_flags_are_the_liteos_port_values()
        {
            Assert.That(new[] { ProtFlags.Read, ProtFlags.Write, ProtFlags.Exec }.Select(flag => (uint)flag), Is.EqualTo(new uint[] { 1, 2, 4 }));
            Assert.That(new[] { MapFlags.Shared, MapFlags.Private, MapFlags.Fixed, MapFlags.Anonymous, MapFlags.FixedNoReplace, MapFlags.SupportMask }.Select(flag => (uint)flag),
                Is.EqualTo(new uint[] { 1, 2, 0x10, 0x20, 0x100000, 0x23 }));
            Assert.That(new[] { MremapFlags.MayMove, MremapFlags.Fixed }.Select(flag => (uint)flag), Is.EqualTo(new uint[] { 1, 2 }));
        }

        [TestCase(ProtFlags.None, MapFlags.None, RegionFlags.PermUser)]
        [TestCase(ProtFlags.Write, MapFlags.None, RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite)]
        [TestCase(ProtFlags.Exec, MapFlags.None, RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermExecute)]
        [TestCase(ProtFlags.Read, MapFlags.Shared | MapFlags.Fixed, RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.Shared | RegionFlags.Fixed)]
        [TestCase(ProtFlags.Read, MapFlags.Private | MapFlags.FixedNoReplace, RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.Private | RegionFlags.FixedNoReplace)]
        public void Prot_and_map_flags_convert_to_region_flags(ProtFlags prot, MapFlags flags, RegionFlags expected)
        {
            Assert.That(OsCvtProtFlagsToRegionFlags(prot, flags), Is.EqualTo(expected));
        }

        [Test]
        public void Anonymous_mmap_is_first_fit_at_user_map_base_with_mmap_and_anon_marks_and_no_pages()
        {
            var f = new VmFixture();

            var first = f.Sys.LOS_MMap(0, 0x1800, ProtFlags.Read | ProtFlags.Write, Anon, -1, 0);
            var second = f.Sys.LOS_MMap(0, 0x1000, ProtFlags.Read, Anon, -1, 0);

            Assert.That(first, Is.EqualTo(0x1F800000u));
            Assert.That(second, Is.EqualTo(0x1F802000u));
            var region = VmMap.LOS_RegionFind(f.User, first);
            Assert.That(region.Size, Is.EqualTo(0x2000u));
            Assert.That(region.RegionFlags, Is.EqualTo(UserRw | RegionFlags.Private | RegionFlags.Mmap));
            Assert.That(region.RegionType, Is.EqualTo(VmMapRegionType.Anon));
            Assert.That(f.User.MappedPageCount(region), Is.Zero);
        }

        [Test]
        public void Mmap_hint_is_rounded_up_and_used_and_a_hint_outside_user_space_is_dropped()
        {
            var f = new VmFixture();

            Assert.That(f.Sys.LOS_MMap(0x02000800, 0x1000, ProtFlags.Read, Anon, -1, 0), Is.EqualTo(0x02001000u));
            Assert.That(f.Sys.LOS_MMap(0x40000000, 0x1000, ProtFlags.Read, Anon, -1, 0), Is.EqualTo(0x1F800000u));
        }

        [Test]
        public void Mmap_fixed_replaces_what_was_there()
        {
            var f = new VmFixture();
            var old = f.Sys.LOS_MMap(0, 0x3000, ProtFlags.Read | ProtFlags.Write, Anon, -1, 0);
            f.Touch(f.User, old + 0x1000);

            var va = f.Sys.LOS_MMap(old + 0x1000, 0x1000, ProtFlags.Read, Anon | MapFlags.Fixed, -1, 0);

            Assert.That(va, Is.EqualTo(old + 0x1000));
            Assert.That(f.PaOf(f.User, va), Is.Zero, "the old page went with the old mapping");
            Assert.That(VmMap.LOS_RegionFind(f.User, va).RegionFlags & RegionFlags.ProtMask, Is.EqualTo(RegionFlags.PermUser | RegionFlags.PermRead));
            Assert.That(f.User.Regions, Has.Count.EqualTo(3));
        }

        [Test]
        public void Mmap_fixed_noreplace_over_a_mapping_is_enomem_with_one_line_and_no_change()
        {
            var f = new VmFixture();
            var old = f.Sys.LOS_MMap(0, 0x2000, ProtFlags.Read, Anon, -1, 0);
            var before = f.Snapshot();

            Assert.That(f.Sys.LOS_MMap(old, 0x1000, ProtFlags.Read, Anon | MapFlags.FixedNoReplace, -1, 0), Is.EqualTo(VmSyscalls.Errno(LosReturn.ENOMEM)));

            Assert.That(f.Log.Errors, Has.Count.EqualTo(1));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }

        [TestCase(0u, 0u, Anon, LosReturn.EINVAL, TestName = "len 0")]
        [TestCase(0u, 0x3E001000u, Anon, LosReturn.EINVAL, TestName = "len above USER_ASPACE_SIZE")]
        [TestCase(0u, 0x07C01000u, Anon, LosReturn.ENOMEM, TestName = "len above mapSize")]
        [TestCase(0x02000800u, 0x1000u, Anon | MapFlags.Fixed, LosReturn.EINVAL, TestName = "fixed unaligned")]
        [TestCase(0x40000000u, 0x1000u, Anon | MapFlags.Fixed, LosReturn.EINVAL, TestName = "fixed kernel address")]
        [TestCase(0u, 0x1000u, MapFlags.Anonymous, LosReturn.EINVAL, TestName = "neither shared nor private")]
        [TestCase(0u, 0x1000u, MapFlags.Anonymous | MapFlags.Shared | MapFlags.Private, LosReturn.EINVAL, TestName = "both shared and private")]
        [TestCase(0u, 0x1000u, MapFlags.Private, LosReturn.EBADF, TestName = "file mapping: no VFS in the model")]
        public void Mmap_bad_input_returns_the_kernel_errno_with_one_line_and_no_change(uint va, uint len, MapFlags flags, int errno)
        {
            var f = new VmFixture();
            var before = f.Snapshot();

            Assert.That(f.Sys.LOS_MMap(va, len, ProtFlags.Read, flags, 3, 0), Is.EqualTo(VmSyscalls.Errno(errno)));

            Assert.That(f.Log.Errors, Has.Count.EqualTo(1));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }

        [Test]
        public void Mmap_with_the_map_window_exhausted_is_enomem_with_no_change()
        {
            var f = new VmFixture();
            Assert.That(f.Sys.LOS_MMap(0, 0x07C00000, ProtFlags.Read, Anon, -1, 0), Is.EqualTo(0x1F800000u));
            var before = f.Snapshot();

            Assert.That(f.Sys.LOS_MMap(0, 0x1000, ProtFlags.Read, Anon, -1, 0), Is.EqualTo(VmSyscalls.Errno(LosReturn.ENOMEM)));

            Assert.That(f.Log.Errors, Has.Count.EqualTo(1));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }

        [Test]
        public void First_brk_creates_the_heap_region_and_later_brks_resize_it()
        {
            var f = new VmFixture();

            Assert.That(f.Sys.LOS_DoBrk(0), Is.EqualTo(0x0FC00000u));
            Assert.That(f.Sys.LOS_DoBrk(0x0FC01800), Is.EqualTo(0x0FC02000u));
            var heap = f.User.Heap;
            Assert.That((heap.Base, heap.Size), Is.EqualTo((0x0FC00000u, 0x2000u)));
            Assert.That(heap.RegionFlags, Is.EqualTo(UserRw | RegionFlags.Fixed | RegionFlags.Heap));

            Assert.That(f.Sys.LOS_DoBrk(0x0FC05000), Is.EqualTo(0x0FC05000u));
            Assert.That(f.User.Heap, Is.SameAs(heap));
            Assert.That(heap.Size, Is.EqualTo(0x5000u));
            Assert.That(f.User.Regions, Has.Count.EqualTo(1));
        }

        [Test]
        public void Brk_shrink_unmaps_the_tail_and_keeps_the_unaligned_break()
        {
            var f = new VmFixture();
            f.Sys.LOS_DoBrk(0x0FC04000);
            f.Touch(f.User, 0x0FC00000);
            f.Touch(f.User, 0x0FC03000);

            Assert.That(f.Sys.LOS_DoBrk(0x0FC01234), Is.EqualTo(0x0FC01234u));

            Assert.That(f.User.HeapNow, Is.EqualTo(0x0FC01234u));
            Assert.That(f.User.Heap.Size, Is.EqualTo(0x2000u));
            Assert.That(f.PaOf(f.User, 0x0FC03000), Is.Zero);
            Assert.That(f.PaOf(f.User, 0x0FC00000), Is.Not.Zero);
        }

        [Test]
        public void Brk_quirk_a_shrink_within_the_last_page_fails_and_returns_the_old_break()
        {
            var f = new VmFixture();
            f.Sys.LOS_DoBrk(0x0FC02000);

            Assert.That(f.Sys.LOS_DoBrk(0x0FC01800), Is.EqualTo(0x0FC02000u));

            Assert.That(f.User.HeapNow, Is.EqualTo(0x0FC02000u));
        }

        [Test]
        public void Brk_below_the_heap_base_or_up_to_map_base_is_enomem_with_one_line_and_no_change()
        {
            var f = new VmFixture();
            f.Sys.LOS_DoBrk(0x0FC01000);
            var before = f.Snapshot();

            Assert.That(f.Sys.LOS_DoBrk(0x0FBFF000), Is.EqualTo(VmSyscalls.Errno(LosReturn.ENOMEM)));
            Assert.That(f.Sys.LOS_DoBrk(0x1F800000), Is.EqualTo(VmSyscalls.Errno(LosReturn.ENOMEM)));

            Assert.That(f.Log.Errors, Has.Count.EqualTo(2));
            Assert.That(f.Log.Errors[1], Is.EqualTo("[ERR]LOS_DoBrk Process heap memory space is insufficient"));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }

        [Test]
        public void Mmap_inside_the_heap_releases_its_pages_but_keeps_the_heap_range()
        {
            var f = new VmFixture();
            f.Sys.LOS_DoBrk(0x0FC03000);
            var pages = new[] { f.Touch(f.User, 0x0FC01000), f.Touch(f.User, 0x0FC02000) };

            Assert.That(f.Sys.LOS_MMap(0x0FC01000, 0x2000, ProtFlags.Read | ProtFlags.Write, Anon, -1, 0), Is.EqualTo(0x0FC01000u));

            Assert.That(pages.Select(f.Phys.IsFree), Is.All.True);
            Assert.That(f.User.Regions.Single(), Is.SameAs(f.User.Heap));
            Assert.That(f.User.Heap.Size, Is.EqualTo(0x3000u));
        }

        [Test]
        public void Mprotect_recomputes_flags_dropping_private_fixed_and_cache_but_keeping_shared_and_the_name()
        {
            var f = new VmFixture();
            var stack = f.Map.LOS_RegionAlloc(f.User, 0x02000000, 0x1000,
                UserRw | RegionFlags.Uncached | RegionFlags.Private | RegionFlags.Fixed | RegionFlags.Shared | RegionFlags.Stack, 0);

            Assert.That(f.Sys.LOS_DoMprotect(0x02000000, 0x1000, ProtFlags.Read | ProtFlags.Exec), Is.Zero);

            Assert.That(stack.RegionFlags, Is.EqualTo(RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermExecute
                | RegionFlags.Shared | RegionFlags.Stack));
        }

        [Test]
        public void Mprotect_of_a_middle_range_splits_the_region_and_remaps_only_mapped_pages()
        {
            var f = new VmFixture();
            var va = f.Sys.LOS_MMap(0, 0x4000, ProtFlags.Read | ProtFlags.Write, Anon, -1, 0);
            f.Touch(f.User, va + 0x1000);
            f.Touch(f.User, va + 0x3000);
            var pa = f.PaOf(f.User, va + 0x1000);

            Assert.That(f.Sys.LOS_DoMprotect(va + 0x1000, 0x2000, ProtFlags.Read), Is.Zero);

            Assert.That(f.User.Regions.Select(r => (r.Base, r.Size)),
                Is.EqualTo(new[] { (va, 0x1000u), (va + 0x1000, 0x2000u), (va + 0x3000, 0x1000u) }));
            Assert.That(f.User.Regions[1].RegionFlags, Is.EqualTo(RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.Mmap));
            Assert.That(f.PaOf(f.User, va + 0x1000), Is.EqualTo(pa));
            Assert.That(f.FlagsOf(f.User, va + 0x1000) & RegionFlags.PermWrite, Is.EqualTo(RegionFlags.None));
            Assert.That(f.FlagsOf(f.User, va + 0x3000) & RegionFlags.PermWrite, Is.Not.EqualTo(RegionFlags.None));
            Assert.That(f.PaOf(f.User, va + 0x2000), Is.Zero, "unmapped pages stay unmapped");
            f.Tlb.Verify(t => t.InvalidatePage(va + 0x1000, f.User.ArchMmu.Asid), Moq.Times.AtLeastOnce());
            f.Tlb.Verify(t => t.InvalidatePage(va + 0x2000, Moq.It.IsAny<uint>()), Moq.Times.Never());
        }

        [TestCase(0x1F800800u, 0x1000u, ProtFlags.Read, -LosReturn.EINVAL, TestName = "unaligned address")]
        [TestCase(0x1F900000u, 0x1000u, ProtFlags.Read, -LosReturn.EINVAL, TestName = "no region")]
        [TestCase(0x1F800000u, 0x1000u, (ProtFlags)8, -LosReturn.EINVAL, TestName = "unknown prot bit")]
        [TestCase(0x1F800000u, 0x3000u, ProtFlags.Read, -LosReturn.EINVAL, TestName = "crosses the region end")]
        [TestCase(0x1F801000u, 0xFFFFF000u, ProtFlags.Read, -LosReturn.EINVAL, TestName = "wraps")]
        [TestCase(0x0FC00000u, 0x1000u, ProtFlags.Read, -LosReturn.EPERM, TestName = "heap")]
        public void Mprotect_bad_input_returns_the_kernel_errno_with_one_line_and_no_change(uint va, uint len, ProtFlags prot, int expected)
        {
            var f = new VmFixture();
            f.Sys.LOS_MMap(0, 0x2000, ProtFlags.Read | ProtFlags.Write, Anon, -1, 0);
            f.Sys.LOS_DoBrk(0x0FC01000);
            var before = f.Snapshot();

            Assert.That(f.Sys.LOS_DoMprotect(va, len, prot), Is.EqualTo(expected));

            Assert.That(f.Log.Errors, Has.Count.EqualTo(1));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }

        [Test]
        public void Mremap_shrinks_in_place_by_unmapping_the_tail()
        {
            var f = new VmFixture();
            var va = f.Sys.LOS_MMap(0, 0x3000, ProtFlags.Read | ProtFlags.Write, Anon, -1, 0);

            Assert.That(f.Sys.LOS_DoMremap(va, 0x3000, 0x1000, 0, 0), Is.EqualTo(va));

            Assert.That(f.User.Regions.Single().Size, Is.EqualTo(0x1000u));
        }

        [Test]
        public void Mremap_grows_in_place_when_the_successor_leaves_room_and_otherwise_moves_with_maymove()
        {
            var f = new VmFixture();
            var a = f.Sys.LOS_MMap(0, 0x1000, ProtFlags.Read | ProtFlags.Write, Anon, -1, 0);
            var b = f.Sys.LOS_MMap(0x1F803000, 0x1000, ProtFlags.Read, Anon, -1, 0);
            f.Touch(f.User, a);
            var pa = f.PaOf(f.User, a);

            Assert.That(f.Sys.LOS_DoMremap(a, 0x1000, 0x3000, 0, 0), Is.EqualTo(a));
            Assert.That(VmMap.LOS_RegionFind(f.User, a).Size, Is.EqualTo(0x3000u));

            var moved = f.Sys.LOS_DoMremap(a, 0x3000, 0x5000, MremapFlags.MayMove, 0);

            Assert.That(moved, Is.EqualTo(b + 0x1000));
            Assert.That(f.PaOf(f.User, moved), Is.EqualTo(pa), "the page moved with the mapping");
            Assert.That(f.PaOf(f.User, a), Is.Zero);
            Assert.That(VmMap.LOS_RegionFind(f.User, a), Is.Null);
        }

        [Test]
        public void Mremap_quirk_the_last_region_cannot_grow_in_place_because_it_has_no_successor()
        {
            var f = new VmFixture();
            var va = f.Sys.LOS_MMap(0, 0x1000, ProtFlags.Read, Anon, -1, 0);

            Assert.That(f.Sys.LOS_DoMremap(va, 0x1000, 0x2000, 0, 0), Is.EqualTo(VmSyscalls.Errno(LosReturn.EINVAL)));
            Assert.That(f.Log.Errors, Has.Count.EqualTo(1));
        }

        [Test]
        public void Mremap_fixed_moves_the_pages_to_the_new_address()
        {
            var f = new VmFixture();
            var va = f.Sys.LOS_MMap(0, 0x2000, ProtFlags.Read | ProtFlags.Write, Anon, -1, 0);
            f.Touch(f.User, va + 0x1000);
            var pa = f.PaOf(f.User, va + 0x1000);

            Assert.That(f.Sys.LOS_DoMremap(va, 0x2000, 0x2000, MremapFlags.Fixed | MremapFlags.MayMove, 0x03000000), Is.EqualTo(0x03000000u));

            Assert.That(f.PaOf(f.User, 0x03001000), Is.EqualTo(pa));
            Assert.That(f.User.Regions.Select(r => r.Base), Is.EqualTo(new[] { 0x03000000u }));
        }

        [TestCase(MremapFlags.Fixed, 0x03000000u, -LosReturn.EINVAL, TestName = "fixed without maymove")]
        [TestCase((MremapFlags)8, 0u, -LosReturn.EINVAL, TestName = "unknown flag")]
        [TestCase(MremapFlags.Fixed | MremapFlags.MayMove, 0x1F801000u, -LosReturn.EINVAL, TestName = "fixed overlapping the old region")]
        [TestCase(MremapFlags.Fixed | MremapFlags.MayMove, 0x03000800u, -LosReturn.EINVAL, TestName = "fixed unaligned")]
        public void Mremap_bad_flags_return_the_kernel_errno_with_no_change(MremapFlags flags, uint newAddr, int errno)
        {
            var f = new VmFixture();
            var va = f.Sys.LOS_MMap(0, 0x2000, ProtFlags.Read, Anon, -1, 0);
            var before = f.Snapshot();

            Assert.That(f.Sys.LOS_DoMremap(va, 0x2000, 0x2000, flags, newAddr), Is.EqualTo(VmSyscalls.Errno(-errno)));

            Assert.That(f.Log.Errors, Has.Count.EqualTo(1));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }

        [Test]
        public void Mremap_of_more_than_the_region_holds_is_efault()
        {
            var f = new VmFixture();
            var va = f.Sys.LOS_MMap(0, 0x2000, ProtFlags.Read, Anon, -1, 0);

            Assert.That(f.Sys.LOS_DoMremap(va + 0x1000, 0x2000, 0x1000, 0, 0), Is.EqualTo(VmSyscalls.Errno(LosReturn.EFAULT)));
        }
    }
}
