using System.Linq;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;
using static HarmonyRenode.Core.Tests.Vm.Shm.ShmFixture;
using static HarmonyRenode.Core.Vm.Shm.ShmConstants;

namespace HarmonyRenode.Core.Tests.Vm.Shm
{
    public class ShmAtDtTests
    {
        private const int RdOnly = (int)ShmRdonly;

        [Test]
        public void ShmAt_maps_every_page_of_the_segment_at_once_in_an_SHM_region_at_the_first_fit_of_the_mmap_window()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(Private, 0x3000, Rw);

            var va = f.M.ShmAt(id, 0, 0);

            Assert.That(va, Is.EqualTo(0x1F800000));
            Assert.That(Enumerable.Range(0, 3).Select(i => f.PaOf(va + (uint)i * 0x1000)), Is.EqualTo(f.SegmentPas(id)));
            var region = VmMap.LOS_RegionFind(f.Current, va);
            Assert.That(region.Shmid, Is.EqualTo(id));
            Assert.That(region.RegionFlags & (RegionFlags.Shm | RegionFlags.Shared | RegionFlags.PermWrite | RegionFlags.PermUser),
                Is.EqualTo(RegionFlags.Shm | RegionFlags.Shared | RegionFlags.PermWrite | RegionFlags.PermUser));
            Assert.That(region.RegionFlags & RegionFlags.Mmap, Is.EqualTo(RegionFlags.None), "vmm names it SHM");
            Assert.That(f.Seg(id).Ds.Nattch, Is.EqualTo(1));
            Assert.That(f.Seg(id).Pages.All(p => p.RefCounts == 1), Is.True);
            f.AssertNoViolation();
        }

        [Test]
        public void Two_attaches_see_the_same_pages()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(Private, 0x1000, Rw);
            var a = f.M.ShmAt(id, 0, 0);
            var b = f.M.ShmAt(id, 0, 0);

            f.WriteUser(a + 8, 0xCAFE);

            Assert.That(b, Is.EqualTo(a + 0x1000));
            Assert.That(f.ReadUser(b + 8), Is.EqualTo(0xCAFE));
            Assert.That(f.Seg(id).Ds.Nattch, Is.EqualTo(2));
            Assert.That(f.Seg(id).Pages.First.RefCounts, Is.EqualTo(2));
            f.AssertNoViolation();
        }

        [Test]
        public void SHM_RDONLY_maps_read_only_and_SHM_EXEC_maps_read_execute_without_write()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(Private, 0x1000, Rw);

            var executable = f.M.ShmGet(Private, 0x1000, 0x1C0); // 0700

            var ro = f.M.ShmAt(id, 0, RdOnly);
            f.AssertAtFails(f.M.ShmAt(id, 0, (int)ShmExec), EACCES); // 0600 has no x bit
            var rx = f.M.ShmAt(executable, 0, (int)ShmExec);

            Assert.That(f.FlagsOf(ro) & (RegionFlags.PermRead | RegionFlags.PermWrite), Is.EqualTo(RegionFlags.PermRead));
            Assert.That(f.FlagsOf(rx) & RegionFlags.PermWrite, Is.EqualTo(RegionFlags.None));
            Assert.That(VmMap.LOS_RegionFind(f.Current, rx).RegionFlags & (RegionFlags.PermWrite | RegionFlags.PermExecute),
                Is.EqualTo(RegionFlags.PermExecute));
            f.AssertNoViolation();
        }

        [Test]
        public void A_write_to_a_read_only_attach_is_refused_by_the_fault_handler()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(Private, 0x1000, Rw);
            var ro = f.M.ShmAt(id, 0, RdOnly);

            var status = f.Api.OsArmSharedPageFault(false, FsrPermissionPageWrite, ro, Facade.ManagerFixture.UsrCpsr);

            Assert.That(status, Is.Not.Zero);
            Assert.That(f.PaOf(ro), Is.EqualTo(f.SegmentPas(id)[0]), "the segment page stays mapped");
        }

        private const uint FsrPermissionPageWrite = Facade.ManagerFixture.FsrPermissionPage | Facade.ManagerFixture.FsrWrite;

        [Test]
        public void An_attach_address_is_used_as_given_rounded_with_SHM_RND_and_refused_over_a_region_unless_SHM_REMAP()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(Private, 0x2000, Rw);

            Assert.That(f.M.ShmAt(id, 0x20000000, 0), Is.EqualTo(0x20000000));
            Assert.That(f.M.ShmAt(id, 0x30000123, (int)ShmRnd), Is.EqualTo(0x30000000));
            f.AssertAtFails(f.M.ShmAt(id, 0x20001000, 0), EINVAL);
            Assert.That(f.Seg(id).Ds.Nattch, Is.EqualTo(2), "a refused attach is not counted");
            var mapped = f.M.LOS_MMap(0x28000000, 0x2000, ProtFlags.Read, MapFlags.Private | MapFlags.Anonymous | MapFlags.Fixed, -1, 0);
            Assert.That(mapped, Is.EqualTo(0x28000000));
            f.AssertAtFails(f.M.ShmAt(id, 0x28000000, 0), EINVAL);
            Assert.That(f.M.ShmAt(id, 0x28000000, (int)ShmRemap), Is.EqualTo(0x28000000));

            var fixedRegion = VmMap.LOS_RegionFind(f.Current, 0x30000000);
            Assert.That(fixedRegion.RegionFlags & (RegionFlags.Mmap | RegionFlags.Shm), Is.EqualTo(RegionFlags.Mmap | RegionFlags.Shm),
                "an attach at an address goes through LOS_MMap");
            Assert.That(f.PaOf(0x28000000), Is.EqualTo(f.SegmentPas(id)[0]));
            Assert.That(VmMap.LOS_RegionFind(f.Current, 0x28000000).Shmid, Is.EqualTo(id));
            f.AssertNoViolation();
        }

        [Test]
        public void ShmAt_errors_are_the_kernels_errno_values()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(Private, 0x1000, Rw);
            var mode0 = f.M.ShmGet(Private, 0x1000, 0);

            f.AssertAtFails(f.M.ShmAt(id, 0, (int)ShmRemap), EINVAL);
            f.AssertAtFails(f.M.ShmAt(id, 0x20000010, 0), EINVAL);
            f.AssertAtFails(f.M.ShmAt(-1, 0, 0), EINVAL);
            f.AssertAtFails(f.M.ShmAt(192, 0, 0), EINVAL);
            f.AssertAtFails(f.M.ShmAt(7, 0, 0), EIDRM);
            f.AssertAtFails(f.M.ShmAt(mode0, 0, 0), EACCES);
            Assert.That(f.Seg(mode0).Ds.Nattch, Is.Zero);
        }

        [Test]
        public void ShmDt_unmaps_and_keeps_the_segment_until_IPC_RMID()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(Private, 0x2000, Rw);
            var va = f.M.ShmAt(id, 0, 0);
            f.WriteUser(va, 0x5EED);
            var pa = f.PaOf(va);

            Assert.That(f.M.ShmDt(va), Is.Zero);

            Assert.That(f.PaOf(va), Is.Zero);
            Assert.That(VmMap.LOS_RegionFind(f.Current, va), Is.Null);
            Assert.That(f.Seg(id).Ds.Nattch, Is.Zero);
            Assert.That(f.Seg(id).Pages.All(p => p.RefCounts == 0 && !f.M.Phys.IsFree(p)), Is.True);
            f.AssertNoViolation();

            var again = f.M.ShmAt(id, 0, 0);
            Assert.That(f.ReadUser(again), Is.EqualTo(0x5EED), "the data lives in the segment");
            Assert.That(f.PaOf(again), Is.EqualTo(pa));
        }

        [Test]
        public void ShmDt_errors_and_the_kernels_quirk_of_removing_an_ordinary_mapping_first()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(Private, 0x2000, Rw);
            var va = f.M.ShmAt(id, 0, 0);
            f.AssertFails(f.M.ShmDt(va + 4), EINVAL);
            f.AssertFails(f.M.ShmDt(va + 0x1000), EINVAL);
            f.AssertFails(f.M.ShmDt(0x30000000), EINVAL);
            Assert.That(f.Seg(id).Ds.Nattch, Is.EqualTo(1));

            var buffer = f.UserBuffer();
            f.Api.OsArmSharedPageFault(false, Facade.ManagerFixture.FsrTranslationPage | Facade.ManagerFixture.FsrWrite, buffer, Facade.ManagerFixture.UsrCpsr);
            var page = f.M.Phys.LOS_VmPageGet(f.PaOf(buffer));

            f.AssertFails(f.M.ShmDt(buffer), EINVAL);

            Assert.That(VmMap.LOS_RegionFind(f.Current, buffer), Is.Null, "shm.c removes the region before it looks for a segment");
            Assert.That(f.PaOf(buffer), Is.Zero);
            Assert.That((page.RefCounts, f.M.Phys.IsFree(page)), Is.EqualTo((1, false)), "and its page is never freed");
        }
    }
}
