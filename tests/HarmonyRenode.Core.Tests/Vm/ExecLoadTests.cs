using System.Linq;
using HarmonyRenode.Core.Diagnostics;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;
using static HarmonyRenode.Core.Vm.MmanFlags;

namespace HarmonyRenode.Core.Tests.Vm
{
    /// <summary>
    /// The memory half of exec (los_load_elf.c OsSetArgParams / OsStackAlloc / OsMmapELFFile,
    /// los_process.c OsExecProcessVmSpaceReplace) with ASLR off, as firmware/runtime/process.c drives it.
    /// </summary>
    public class ExecLoadTests
    {
        private const MapFlags Anon = MapFlags.Anonymous | MapFlags.Private;
        private const RegionFlags StackFlags = RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite | RegionFlags.Fixed | RegionFlags.Stack;

        /// <summary>What the runtime does for an image of one text page and one data page with a page of bss after it.</summary>
        private static VmFixture Exec(VmFixture f = null)
        {
            f = f ?? new VmFixture();
            Assert.That(f.Vm.Exec.OsStackAlloc(f.User, 0x3EF00000, 0x100000, 0x1000, StackFlags), Is.EqualTo(LosReturn.Ok));
            f.Vm.Exec.OsExecProcessVmSpaceReplace(f.User, 0x3EF00000);
            Assert.That(f.Sys.LOS_MMap(0x02000000, 0x800, ProtFlags.Read | ProtFlags.Exec, Anon | MapFlags.Fixed, -1, 0), Is.EqualTo(0x02000000u));
            Assert.That(f.Sys.LOS_MMap(0x02001000, 0x1004, ProtFlags.Read | ProtFlags.Write, Anon | MapFlags.Fixed, -1, 0), Is.EqualTo(0x02001000u));
            Assert.That(f.Sys.LOS_MMap(0x02002000, 0x1000, ProtFlags.Read | ProtFlags.Write, Anon | MapFlags.Fixed, -1, 0), Is.EqualTo(0x02002000u));
            return f;
        }

        [Test]
        public void Loader_constants_are_the_kernels()
        {
            Assert.That(new[] { ExecLoad.UserStackSize, ExecLoad.UserParamByteMax, ExecLoad.UserStackTopMax, ExecLoad.ExecMmapBase },
                Is.EqualTo(new uint[] { 0x100000, 0x1000, 0x3F000000, 0x02000000 }));
            Assert.That(UserAslr.RandomMask, Is.EqualTo(0x07FFFFFFu));
        }

        [Test]
        public void Stack_region_is_one_MiB_under_the_top_of_user_space_with_only_the_parameter_page_mapped()
        {
            var f = Exec();

            var stack = VmMap.LOS_RegionFind(f.User, 0x3EFFFFFF);
            Assert.That(stack.Base, Is.EqualTo(0x3EF00000u));
            Assert.That(stack.Size, Is.EqualTo(0x100000u));
            Assert.That(stack.RegionFlags, Is.EqualTo(StackFlags));
            Assert.That(VmmDump.OsGetRegionNameOrFilePath(stack.RegionFlags), Is.EqualTo("STACK"));
            Assert.That(f.User.MappedPageCount(stack), Is.EqualTo(1));
            Assert.That(f.PaOf(f.User, 0x3EFFF000), Is.Not.Zero);
            Assert.That(f.Phys.LOS_VmPageGet(f.PaOf(f.User, 0x3EFFF000)).RefCounts, Is.EqualTo(1));
            Assert.That(f.PaOf(f.User, 0x3EFFE000), Is.Zero, "the rest of the stack comes by faults");
        }

        [Test]
        public void Exec_replace_keeps_heap_and_map_bases_and_ends_the_mmap_window_at_the_stack_base()
        {
            var f = new VmFixture();
            var other = f.Vm.Spaces.OsCreateUserVmSpace();

            var old = f.Vm.Exec.OsExecProcessVmSpaceReplace(other, 0x3EF00000);

            Assert.That(old, Is.SameAs(f.User));
            Assert.That(f.Vm.Spaces.CurrentSpace, Is.SameAs(other));
            Assert.That(other.HeapBase, Is.EqualTo(0x0FC00000u));
            Assert.That(other.HeapNow, Is.EqualTo(0x0FC00000u));
            Assert.That(other.MapBase, Is.EqualTo(0x1F800000u));
            Assert.That(other.MapSize, Is.EqualTo(0x1F700000u));
        }

        [Test]
        public void First_mmap_of_a_loaded_process_is_user_map_base_and_the_first_break_is_user_heap_base()
        {
            var f = Exec();

            Assert.That(f.Sys.LOS_MMap(0, 0x2000, ProtFlags.Read | ProtFlags.Write, Anon, -1, 0), Is.EqualTo(0x1F800000u));
            Assert.That(f.Sys.LOS_DoBrk(0), Is.EqualTo(0x0FC00000u));
            Assert.That(f.Sys.LOS_DoBrk(0x0FC00000 + 100), Is.EqualTo(0x0FC01000u));
            Assert.That(VmMap.LOS_RegionFind(f.User, 0x0FC00000).Base, Is.EqualTo(0x0FC00000u));
        }

        [Test]
        public void The_mmap_window_reaches_up_to_the_stack_after_exec()
        {
            var f = Exec();

            // USER_MAP_SIZE (124 MiB) was the limit before exec; now mapSize = stackBase - mapBase.
            var big = f.Sys.LOS_MMap(0, 0x10000000, ProtFlags.Read, Anon, -1, 0);

            Assert.That(big, Is.EqualTo(0x1F800000u));
        }

        [Test]
        public void Mremap_grows_the_last_mmap_in_place_because_the_stack_region_is_its_successor()
        {
            var f = Exec();
            var va = f.Sys.LOS_MMap(0, 0x1000, ProtFlags.Read | ProtFlags.Write, Anon, -1, 0);

            Assert.That(f.Sys.LOS_DoMremap(va, 0x1000, 0x3000, 0, 0), Is.EqualTo(va));
            Assert.That(VmMap.LOS_RegionFind(f.User, va).Size, Is.EqualTo(0x3000u));
        }

        [Test]
        public void Segments_and_bss_are_regions_with_the_segments_protections()
        {
            var f = Exec();

            var regions = f.User.Regions;
            Assert.That(regions.Select(r => (r.Base, r.Size)), Is.EqualTo(new[]
            {
                (0x02000000u, 0x1000u), (0x02001000u, 0x1000u), (0x02002000u, 0x1000u), (0x3EF00000u, 0x100000u),
            }));
            Assert.That(regions[0].RegionFlags & RegionFlags.ProtMask, Is.EqualTo(RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermExecute));
            Assert.That(regions[1].RegionFlags & RegionFlags.ProtMask, Is.EqualTo(RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite));
            Assert.That(regions.Take(3).Select(r => VmmDump.OsGetRegionNameOrFilePath(r.RegionFlags)), Is.All.EqualTo("MMAP"));
        }

        [Test]
        public void Stack_alloc_past_the_end_of_user_space_fails_and_gives_its_page_back()
        {
            var f = new VmFixture();
            var before = f.Snapshot();

            Assert.That(f.Vm.Exec.OsStackAlloc(f.User, 0x3EFFF000, 0x100000, 0x1000, StackFlags), Is.EqualTo(LosReturn.Nok));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
            Assert.That(f.Log.Lines, Has.Count.EqualTo(1), "one VM_ERR line for the failed call");
        }

        [Test]
        public void Kernel_vaddr_of_a_user_page_is_its_kernel_alias_and_an_unmapped_page_has_none()
        {
            var f = Exec();
            var pa = f.PaOf(f.User, 0x3EFFF000);

            Assert.That(f.Vm.Exec.OsGetKernelVaddr(f.User, 0x3EFFF123, out var kva), Is.EqualTo(LosReturn.Ok));
            Assert.That(kva, Is.EqualTo(pa + 0x123), "arm_virt: the kernel window maps RAM at VA == PA");
            Assert.That(f.Vm.Exec.OsGetKernelVaddr(f.User, 0x40001000, out var own), Is.EqualTo(LosReturn.Ok));
            Assert.That(own, Is.EqualTo(0x40001000u));
            Assert.That(f.Vm.Exec.OsGetKernelVaddr(f.User, 0x3EFFE000, out _), Is.EqualTo(LosReturn.Nok));
            Assert.That(f.Log.Lines.Last(), Does.Contain("OsGetKernelVaddr Failed to query the vaddr: 0x3effe000"));
        }

        [Test]
        public void Aslr_off_draws_zero_offsets()
        {
            Assert.That(Enumerable.Range(0, 8).Select(_ => UserAslr.Off.OsGetRndOffset()), Is.All.Zero);
        }

        [Test]
        public void Aslr_offsets_are_pages_below_128_MiB_and_repeat_with_the_same_seed()
        {
            var a = UserAslr.Seeded(5);
            var b = UserAslr.Seeded(5);
            var offsets = Enumerable.Range(0, 64).Select(_ => a.OsGetRndOffset()).ToList();

            Assert.That(Enumerable.Range(0, 64).Select(_ => b.OsGetRndOffset()), Is.EqualTo(offsets));
            Assert.That(offsets, Is.All.LessThan(0x08000000u));
            Assert.That(offsets.Select(o => o & 0xFFF), Is.All.Zero);
            Assert.That(offsets.Distinct().Count(), Is.GreaterThan(32), "offsets vary");
        }

        [Test]
        public void Aslr_moves_heap_and_map_bases_and_the_window_still_ends_at_the_stack()
        {
            var f = new VmFixture();
            f.Vm.Exec.Aslr = UserAslr.Seeded(9);
            var stackBase = 0x3F000000u - f.Vm.Exec.OsGetRndOffset() - ExecLoad.UserStackSize;

            f.Vm.Exec.OsExecProcessVmSpaceReplace(f.User, stackBase);

            Assert.That(f.User.HeapBase, Is.GreaterThan(0x0FC00000u).And.LessThan(0x0FC00000u + 0x08000000u));
            Assert.That(f.User.HeapNow, Is.EqualTo(f.User.HeapBase));
            Assert.That(f.User.MapBase, Is.GreaterThan(0x1F800000u).And.LessThan(0x1F800000u + 0x08000000u));
            Assert.That(f.User.MapBase + f.User.MapSize, Is.EqualTo(stackBase));
        }
    }
}
