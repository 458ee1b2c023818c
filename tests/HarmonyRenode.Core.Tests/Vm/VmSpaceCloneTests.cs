using System.Linq;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;
using static HarmonyRenode.Core.Vm.MmanFlags;

namespace HarmonyRenode.Core.Tests.Vm
{
    public class VmSpaceCloneTests
    {
        private const MapFlags Anon = MapFlags.Anonymous | MapFlags.Private;

        [Test]
        public void Clone_duplicates_regions_fixed_at_the_same_addresses_and_copies_heap_and_map_pointers()
        {
            var f = new VmFixture();
            var mapped = f.Sys.LOS_MMap(0, 0x2000, ProtFlags.Read | ProtFlags.Write, Anon, -1, 0);
            f.Sys.LOS_DoBrk(0x0FC03000);
            f.User.MapBase = 0x20000000;
            var child = f.Vm.Spaces.OsCreateUserVmSpace();

            Assert.That(f.Vm.Clone.LOS_VmSpaceClone(0, f.User, child), Is.EqualTo(VmStatus.NoError));

            Assert.That(child.Regions.Select(r => (r.Base, r.Size, r.RegionType)),
                Is.EqualTo(f.User.Regions.Select(r => (r.Base, r.Size, r.RegionType))));
            Assert.That(child.Regions.Select(r => r.RegionFlags), Is.EqualTo(f.User.Regions.Select(r => r.RegionFlags | RegionFlags.Fixed)));
            Assert.That(child.Heap, Is.SameAs(VmMap.LOS_RegionFind(child, 0x0FC00000)));
            Assert.That((child.HeapBase, child.HeapNow, child.MapBase), Is.EqualTo((0x0FC00000u, 0x0FC03000u, 0x20000000u)));
            Assert.That(child.MapSize, Is.EqualTo(VmZone.UserMapSize));
            Assert.That(VmMap.LOS_RegionFind(child, mapped), Is.Not.Null);
        }

        [Test]
        public void Clone_shares_every_mapped_page_read_only_in_both_spaces_with_refcount_two()
        {
            var f = new VmFixture();
            var va = f.Sys.LOS_MMap(0, 0x3000, ProtFlags.Read | ProtFlags.Write, Anon, -1, 0);
            var written = f.Touch(f.User, va);
            var readOnly = f.Map.LOS_RegionAlloc(f.User, 0x02000000, 0x1000, RegionFlags.PermUser | RegionFlags.PermRead, 0);
            var ro = f.Touch(f.User, readOnly.Base);
            var child = f.Vm.Spaces.OsCreateUserVmSpace();

            f.Vm.Clone.LOS_VmSpaceClone(0, f.User, child);

            Assert.That(written.RefCounts, Is.EqualTo(2));
            Assert.That(ro.RefCounts, Is.EqualTo(2));
            Assert.That(f.PaOf(child, va), Is.EqualTo(written.PhysAddr));
            Assert.That(f.FlagsOf(f.User, va) & RegionFlags.PermWrite, Is.EqualTo(RegionFlags.None), "parent re-mapped read-only");
            Assert.That(f.FlagsOf(child, va) & RegionFlags.PermWrite, Is.EqualTo(RegionFlags.None));
            Assert.That(f.FlagsOf(child, va) & RegionFlags.PermRead, Is.Not.EqualTo(RegionFlags.None));
            Assert.That(VmMap.LOS_RegionFind(child, va).RegionFlags & RegionFlags.PermWrite, Is.Not.EqualTo(RegionFlags.None), "regions keep PERM_WRITE for COW");
            Assert.That(f.PaOf(child, va + 0x1000), Is.Zero, "unmapped pages stay unmapped");
            Assert.That(f.Phys.Pages.Count(p => p.RefCounts > 0), Is.EqualTo(2), "no data page was copied");
            f.Tlb.Verify(t => t.InvalidatePage(va, f.User.ArchMmu.Asid), Moq.Times.AtLeastOnce());
        }

        [Test]
        public void Freeing_both_spaces_after_clone_returns_every_shared_page()
        {
            var f = new VmFixture();
            var freeStart = f.Phys.FreePageCount;
            var va = f.Sys.LOS_MMap(0, 0x2000, ProtFlags.Read | ProtFlags.Write, Anon, -1, 0);
            f.Touch(f.User, va);
            f.Touch(f.User, va + 0x1000);
            var child = f.Vm.Spaces.OsCreateUserVmSpace();
            f.Vm.Clone.LOS_VmSpaceClone(0, f.User, child);

            f.Map.LOS_VmSpaceFree(child);
            Assert.That(f.Phys.LOS_VmPageGet(f.PaOf(f.User, va)).RefCounts, Is.EqualTo(1));
            f.Map.LOS_VmSpaceFree(f.User);

            Assert.That(f.Phys.FreePageCount, Is.EqualTo(freeStart + 1), "the fixture's own user L1 page is back too");
        }

        [Test]
        public void Clone_refuses_null_spaces_the_kernel_space_and_an_empty_space_with_invalid_args()
        {
            var f = new VmFixture();
            var child = f.Vm.Spaces.OsCreateUserVmSpace();
            var before = f.Snapshot();

            Assert.That(f.Vm.Clone.LOS_VmSpaceClone(0, null, child), Is.EqualTo(VmStatus.InvalidArgs));
            Assert.That(f.Vm.Clone.LOS_VmSpaceClone(0, f.User, null), Is.EqualTo(VmStatus.InvalidArgs));
            Assert.That(f.Vm.Clone.LOS_VmSpaceClone(0, f.User, child), Is.EqualTo(VmStatus.InvalidArgs), "no regions");
            f.Map.LOS_RegionAlloc(f.Vm.Spaces.KernelSpace, 0x50000000, 0x1000, RegionFlags.PermRead, 0);
            before = f.Snapshot();
            Assert.That(f.Vm.Clone.LOS_VmSpaceClone(0, f.Vm.Spaces.KernelSpace, child), Is.EqualTo(VmStatus.InvalidArgs));

            Assert.That(f.Log.Errors, Has.Count.EqualTo(4));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }
    }
}
