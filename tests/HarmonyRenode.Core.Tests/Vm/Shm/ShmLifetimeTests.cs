using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;
using static HarmonyRenode.Core.Tests.Vm.Shm.ShmFixture;
using static HarmonyRenode.Core.Vm.Shm.ShmConstants;

namespace HarmonyRenode.Core.Tests.Vm.Shm
{
    /// <summary>Fork sharing, IPC_RMID and the detaches that come from munmap and process exit.</summary>
    public class ShmLifetimeTests
    {
        [Test]
        public void Fork_maps_the_same_pages_writable_in_the_child_and_counts_one_more_attach()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(Private, 0x2000, Rw);
            var va = f.M.ShmAt(id, 0, 0);
            var parent = f.Current;
            var child = f.Api.OsCreateUserVmSpace();

            Assert.That(f.Api.LOS_VmSpaceClone(0, f.Space, child), Is.Zero);

            var childSpace = f.Api.SpaceAt(child);
            Assert.That(PaOf(childSpace, va + 0x1000), Is.EqualTo(f.SegmentPas(id)[1]));
            var (queryStatus, _, childFlags) = childSpace.ArchMmu.LOS_ArchMmuQuery(va);
            Assert.That(queryStatus, Is.EqualTo(VmStatus.NoError));
            Assert.That(childFlags & RegionFlags.PermWrite, Is.Not.EqualTo(RegionFlags.None), "no copy-on-write for shared memory");
            (queryStatus, _, var parentFlags) = parent.ArchMmu.LOS_ArchMmuQuery(va);
            Assert.That(queryStatus, Is.EqualTo(VmStatus.NoError));
            Assert.That(parentFlags & RegionFlags.PermWrite, Is.Not.EqualTo(RegionFlags.None), "the parent keeps writing in place");
            Assert.That(VmMap.LOS_RegionFind(childSpace, va).Shmid, Is.EqualTo(id));
            Assert.That(f.Seg(id).Ds.Nattch, Is.EqualTo(2));
            Assert.That(f.Seg(id).Pages.All(p => p.RefCounts == 2), Is.True);
            f.AssertNoViolation();
        }

        [Test]
        public void IPC_RMID_with_attaches_frees_the_segment_at_the_last_detach()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(0x42, 0x3000, Create | Rw);
            var pages = f.Seg(id).Pages.ToArray();
            var va = f.M.ShmAt(id, 0, 0);
            var child = f.Api.OsCreateUserVmSpace();
            f.Api.LOS_VmSpaceClone(0, f.Space, child);

            Assert.That(f.M.ShmCtl(id, IpcRmid, 0), Is.Zero);
            Assert.That(f.Seg(id).Status, Is.EqualTo(SegUsed | SegRemove));
            Assert.That(f.M.ShmGet(0x42, 0x1000, Rw), Is.EqualTo(id), "the key still finds a removed segment while it is attached");

            Assert.That(f.M.ShmDt(va), Is.Zero);
            Assert.That(pages.Any(f.M.Phys.IsFree), Is.False, "the child still holds it");
            Assert.That(f.Api.LOS_VmSpaceFree(child), Is.Zero, "process exit detaches");

            Assert.That(pages.All(f.M.Phys.IsFree), Is.True);
            Assert.That(f.Seg(id).Status, Is.EqualTo(SegFree));
            Assert.That(f.Shm.UsedPageCount, Is.Zero);
            f.AssertAtFails(f.M.ShmAt(id, 0, 0), EIDRM);
            f.AssertFails(f.M.ShmGet(0x42, 0x1000, Rw), ENOENT);
            f.AssertNoViolation();
        }

        [Test]
        public void IPC_RMID_without_attaches_frees_at_once()
        {
            var f = new ShmFixture();
            var free = f.M.Phys.FreePageCount;
            var id = f.M.ShmGet(Private, 0x5000, Rw);

            Assert.That(f.M.ShmCtl(id, IpcRmid, 0), Is.Zero);

            Assert.That(f.M.Phys.FreePageCount, Is.EqualTo(free));
            f.AssertFails(f.M.ShmCtl(id, IpcRmid, 0), EIDRM);
            f.AssertNoViolation();
        }

        [Test]
        public void Munmap_of_a_whole_SHM_region_detaches()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(Private, 0x2000, Rw);
            var va = f.M.ShmAt(id, 0, 0);
            f.M.ShmCtl(id, IpcRmid, 0);
            var pages = f.Seg(id).Pages.ToArray();
            Assert.That(pages.Any(f.M.Phys.IsFree), Is.False);

            Assert.That(f.M.LOS_UnMMap(va, 0x2000), Is.Zero);

            Assert.That(pages.All(f.M.Phys.IsFree), Is.True);
            Assert.That(f.PaOf(va), Is.Zero);
            f.AssertNoViolation();
        }

        [Test]
        public void A_space_freed_with_an_attach_of_a_kept_segment_leaves_the_pages_on_the_segment()
        {
            var f = new ShmFixture();
            var id = f.M.ShmGet(Private, 0x1000, Rw);
            var other = f.Api.OsCreateUserVmSpace();
            f.Api.ActivateSpace(other);
            f.M.ShmAt(id, 0, 0);
            f.Api.ActivateSpace(f.Space);

            Assert.That(f.Api.LOS_VmSpaceFree(other), Is.Zero);

            Assert.That(f.Seg(id).Ds.Nattch, Is.Zero);
            Assert.That(f.Seg(id).Pages.Count, Is.EqualTo(1));
            Assert.That(f.M.Phys.IsFree(f.Seg(id).Pages.First), Is.False);
            f.AssertNoViolation();
        }

        [Test]
        public void A_partial_munmap_detaches_the_whole_segment_for_one_piece_as_the_kernel_does()
        {
            // Kernel quirk kept: the split leaves two SHM regions with the same shmid, and OsShmRegionFree of the
            // unmapped piece drops a reference of every segment page and one attach, though the other piece still maps.
            var f = new ShmFixture();
            var id = f.M.ShmGet(Private, 0x2000, Rw);
            var va = f.M.ShmAt(id, 0, 0);

            Assert.That(f.M.LOS_UnMMap(va + 0x1000, 0x1000), Is.Zero);

            Assert.That(VmMap.LOS_RegionFind(f.Current, va).Shmid, Is.EqualTo(id));
            Assert.That(f.PaOf(va), Is.EqualTo(f.SegmentPas(id)[0]), "the first piece still maps its page");
            Assert.That(f.Seg(id).Ds.Nattch, Is.Zero);
            Assert.That(f.Seg(id).Pages.Select(p => p.RefCounts), Is.EqualTo(new[] { 0, 0 }));
            Assert.That(f.M.CheckInvariants().Select(v => v.Rule), Has.Member("shm attach count").And.Member("shm refcount"));
        }
    }
}
