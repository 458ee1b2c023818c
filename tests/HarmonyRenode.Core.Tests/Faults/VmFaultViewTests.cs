using HarmonyRenode.Core.Faults;
using HarmonyRenode.Core.Tests.Vm;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;
using static HarmonyRenode.Core.Vm.MmanFlags;

namespace HarmonyRenode.Core.Tests.Faults
{
    public class VmFaultViewTests
    {
        [Test]
        public void A_write_fault_in_an_anonymous_mmap_gets_a_zeroed_page_inside_the_region()
        {
            var f = new VmFixture();
            var handler = new PageFaultHandler(f.Phys, new VmFaultView(f.Vm.Spaces), f.Tlb.Object, f.Log);
            var va = f.Sys.LOS_MMap(0, 0x2000, ProtFlags.Read | ProtFlags.Write, MapFlags.Anonymous | MapFlags.Private, -1, 0);

            var status = handler.OsVmPageFaultHandler(va + 0x1004, PageFaultFlags.Write | PageFaultFlags.User | PageFaultFlags.NotPresent);

            Assert.That(status, Is.EqualTo(VmStatus.NoError));
            var pa = f.PaOf(f.User, va + 0x1000);
            Assert.That(f.Phys.LOS_VmPageGet(pa).RefCounts, Is.EqualTo(1));
            Assert.That(f.User.MappedPageCount(VmMap.LOS_RegionFind(f.User, va)), Is.EqualTo(1));
        }

        [Test]
        public void Fault_view_finds_spaces_by_address_class_and_regions_with_their_type()
        {
            var f = new VmFixture();
            var va = f.Vm.VMalloc.LOS_VMalloc(0x1000);

            Assert.That(new VmFaultView(f.Vm.Spaces).SpaceGet(0x80000000), Is.Null);
            Assert.That(new VmFaultView(f.Vm.Spaces).SpaceGet(va).ArchMmu, Is.SameAs(f.Vm.Spaces.VmallocSpace.ArchMmu));
            Assert.That(new VmFaultView(f.Vm.Spaces).SpaceGet(va).TryRegionFind(va + 0x10, out var region), Is.True);
            Assert.That((region.Base, region.Size, region.RegionType), Is.EqualTo((va, 0x1000u, FaultRegion.TypeNone)));
            Assert.That(new VmFaultView(f.Vm.Spaces).SpaceGet(0x1F800000).TryRegionFind(0x1F800000, out _), Is.False);
        }

        [Test]
        public void Views_of_freed_spaces_do_not_accumulate()
        {
            var f = new VmFixture();
            var view = new VmFaultView(f.Vm.Spaces);
            for (var i = 0; i < 200; i++)
            {
                var space = f.Vm.Spaces.OsCreateUserVmSpace();
                f.Vm.Spaces.CurrentSpace = space;
                Assert.That(view.SpaceGet(0x01000000).ArchMmu, Is.SameAs(space.ArchMmu));
                Assert.That(view.SpaceGet(0x01000000), Is.SameAs(view.SpaceGet(0x01000000)), "one view per space");
                f.Vm.Spaces.CurrentSpace = null;
                Assert.That(f.Vm.Map.LOS_VmSpaceFree(space), Is.EqualTo(VmStatus.NoError));
            }
            // Two permanent spaces never fault here; the user spaces' views are dropped once 64 accumulate.
            Assert.That(view.ViewCount, Is.LessThanOrEqualTo(64));
        }
    }
}
