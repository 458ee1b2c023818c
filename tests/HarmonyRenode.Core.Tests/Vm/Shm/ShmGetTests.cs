using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Tests.Facade;
using HarmonyRenode.Core.Vm;
using HarmonyRenode.Core.Vm.Shm;
using NUnit.Framework;
using static HarmonyRenode.Core.Tests.Vm.Shm.ShmFixture;
using static HarmonyRenode.Core.Vm.Shm.ShmConstants;

namespace HarmonyRenode.Core.Tests.Vm.Shm
{
    public class ShmGetTests
    {
        [Test]
        public void ShmInit_takes_the_kernels_segment_table_from_the_system_pool()
        {
            // The same model with the same user space entered (its LosVmSpace and regions come from the system pool
            // too), then one allocation of the table's size: where ShmInit's LOS_MemAlloc must land.
            var reference = new ManagerFixture();
            reference.EnterUserSpace();
            var expected = reference.Api.LOS_MemAlloc(reference.Manager.SystemPool, 192 * 160);
            var f = new ShmFixture();

            // 192 entries (SHM_MNI) of 160 bytes: shmid_ds 112 + status + list node + ownerName[32], 8-aligned.
            Assert.That(f.Shm.SegTable, Is.EqualTo(expected));
            Assert.That(f.Api.LOS_MemTotalUsedGet(f.M.SystemPool), Is.EqualTo(reference.Api.LOS_MemTotalUsedGet(reference.Manager.SystemPool)));
            var entry5 = f.F.Config.KernelVaToPa(expected + 5 * 160);
            Assert.That(f.F.Memory.ReadUInt32(entry5 + 24), Is.EqualTo(6), "shm_perm.seq = index + 1");
            Assert.That(f.F.Memory.ReadUInt32(entry5 + 112), Is.EqualTo(SegFree));
            Assert.That(f.F.Memory.ReadUInt32(entry5 + 116), Is.EqualTo(expected + 5 * 160 + 116), "empty list points at itself");
            Assert.That(f.Shm.Segments.Count, Is.EqualTo(192));
        }

        [Test]
        public void ShmDeinit_returns_the_table_to_the_pool_and_later_calls_are_a_kernel_panic_with_the_reason()
        {
            var f = new ShmFixture();
            var usedWithTable = f.Api.LOS_MemTotalUsedGet(f.M.SystemPool);

            Assert.That(f.M.ShmDeinit(), Is.Zero);

            Assert.That(f.Api.LOS_MemTotalUsedGet(f.M.SystemPool), Is.LessThan(usedWithTable - 30000));
            var panic = Assert.Throws<KernelPanicException>(() => f.M.ShmGet(Private, 4096, Rw));
            Assert.That(panic.Message, Does.Contain("g_shmSegs is NULL").And.Contain("ShmInit"));
        }

        [Test]
        public void Shm_calls_before_ShmInit_panic_where_the_kernel_reads_the_NULL_table_and_fail_where_it_checks_first()
        {
            var f = new ShmFixture(init: false);
            var buf = f.UserBuffer();

            Assert.Throws<KernelPanicException>(() => f.M.ShmAt(0, 0, 0));
            Assert.Throws<KernelPanicException>(() => f.M.ShmCtl(0, IpcRmid, 0));
            Assert.Throws<KernelPanicException>(() => f.M.ShmGet(0x55, 4096, Rw));
            Assert.Throws<KernelPanicException>(() => f.M.ShmCtl(0, ShmInfo, buf));

            f.AssertFails(f.M.ShmGet(Private, 0, Rw), EINVAL);
            f.AssertAtFails(f.M.ShmAt(ShmMni, 0, 0), EINVAL);
            Assert.That(f.M.ShmCtl(0, IpcInfo, buf), Is.EqualTo(ShmMni), "g_shmInfo is static");
            f.AssertFails(f.M.ShmDt(0x1F800000), EINVAL);
        }

        [Test]
        public void A_region_the_guest_flags_SHM_itself_is_freed_without_a_segment_and_keeps_its_mappings()
        {
            // OsShmRegionFree finds no segment for shmid -1 and returns before unmapping (shm.c); the region goes anyway.
            var f = new ShmFixture(init: false);
            var region = f.Api.LOS_RegionAlloc(f.Space, 0, 0x1000, (uint)(RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite | RegionFlags.Shm), 0);
            var va = f.Api.RegionAt(region).Base;
            f.Api.OsArmSharedPageFault(false, ManagerFixture.FsrTranslationPage | ManagerFixture.FsrWrite, va, ManagerFixture.UsrCpsr);

            Assert.That(f.Api.LOS_RegionFree(f.Space, region), Is.Zero);

            Assert.That(f.PaOf(va), Is.Not.Zero);
            Assert.That(f.M.CheckInvariants().Select(v => v.ToString()), Has.Some.Contains("outside every region"));
        }

        [Test]
        public void A_private_segment_takes_page_rounded_pages_one_by_one_from_the_allocator_and_marks_them_shared()
        {
            var f = new ShmFixture();
            var free = f.M.Phys.FreePageCount;

            var first = f.M.ShmGet(Private, 5000, Rw);
            var second = f.M.ShmGet(Private, 1, Rw);

            Assert.That((first, second), Is.EqualTo((0, 1)));
            Assert.That(f.Seg(0).Ds.Segsz, Is.EqualTo(0x2000));
            Assert.That(f.Seg(0).Pages.Count, Is.EqualTo(2));
            Assert.That(f.Shm.UsedPageCount, Is.EqualTo(3));
            Assert.That(f.M.Phys.FreePageCount, Is.EqualTo(free - 3));
            Assert.That(f.Seg(0).Pages.All(p => p.RefCounts == 0 && (p.Flags & (1u << VmMap.FilePageSharedBit)) != 0), Is.True);
            Assert.That(f.Seg(0).Ds.Mode, Is.EqualTo(0x180));
            Assert.That(f.Seg(0).Status, Is.EqualTo(SegUsed));
            f.AssertNoViolation();
        }

        [Test]
        public void A_key_finds_its_segment_and_IPC_CREAT_makes_it_once()
        {
            var f = new ShmFixture();

            var made = f.M.ShmGet(0x1234, 0x3000, Create | Rw);
            var found = f.M.ShmGet(0x1234, 0x1000, Rw);
            var again = f.M.ShmGet(0x1234, 0, Create | Rw);

            Assert.That((made, found, again), Is.EqualTo((0, 0, 0)));
            Assert.That(f.Seg(0).Ds.Key, Is.EqualTo(0x1234));
        }

        [Test]
        public void ShmGet_errors_are_the_kernels_errno_values()
        {
            var f = new ShmFixture();
            f.AssertFails(f.M.ShmGet(Private, 0, Rw), EINVAL);
            f.AssertFails(f.M.ShmGet(Private, ShmMax + 1, Rw), EINVAL);
            f.AssertFails(f.M.ShmGet(0x77, 0x1000, Rw), ENOENT);

            Assert.That(f.M.ShmGet(0x77, 0x1000, Create | Rw), Is.EqualTo(0));
            f.AssertFails(f.M.ShmGet(0x77, 0x1000, Create | Excl | Rw), EEXIST);
            f.AssertFails(f.M.ShmGet(0x77, 0x2000, Rw), EINVAL);

            Assert.That(f.M.ShmGet(0x78, 0x1000, Create), Is.EqualTo(1), "mode 0");
            f.AssertFails(f.M.ShmGet(0x78, 0x1000, Rw), EACCES);
        }

        [Test]
        public void Segments_beyond_SHM_ALL_pages_get_ENOMEM_and_beyond_SHM_MNI_entries_ENOSPC()
        {
            var f = new ShmFixture();
            Assert.That(f.M.ShmGet(Private, ShmMax, Rw), Is.EqualTo(0));
            f.AssertFails(f.M.ShmGet(Private, 1, Rw), ENOMEM);
            Assert.That(f.M.ShmCtl(0, IpcRmid, 0), Is.Zero);

            for (var i = 0; i < ShmMni; i++)
            {
                Assert.That(f.M.ShmGet(Private, 1, Rw), Is.EqualTo(i));
            }
            f.AssertFails(f.M.ShmGet(Private, 1, Rw), ENOSPC);
        }

        [Test]
        public void A_segment_the_page_allocator_cannot_fill_gives_its_pages_back_and_ENOMEM()
        {
            var f = new ShmFixture(managedSize: 0x01000000);
            var free = f.M.Phys.FreePageCount;
            Assert.That(free + 1, Is.LessThanOrEqualTo((int)ShmAll), "within SHM_ALL, so the allocator is what fails");

            f.AssertFails(f.M.ShmGet(Private, (uint)(free + 1) * VmZone.PageSize, Rw), ENOMEM);

            Assert.That(f.M.Phys.FreePageCount, Is.EqualTo(free));
            Assert.That(f.Seg(0).Status, Is.EqualTo(SegFree));
            Assert.That(f.M.ShmGet(Private, 1, Rw), Is.EqualTo(0), "the entry is free again");
            f.AssertNoViolation();
        }

        [Test]
        public void The_errno_is_stored_in_the_firmwares_errno_word()
        {
            var f = new ShmFixture();
            var word = f.F.Config.KernelVaToPa(f.Api.LOS_MemAlloc(f.M.SystemPool, 4));
            f.M.ErrnoWord = word;

            f.M.ShmGet(0x99, 0x1000, Rw);

            Assert.That(f.F.Memory.ReadUInt32(word), Is.EqualTo(ENOENT));
        }

        [Test]
        public void A_new_segments_pages_are_not_cleared_as_in_the_kernel()
        {
            var f = new ShmFixture();
            foreach (var page in f.M.Phys.Pages.Where(f.M.Phys.IsFree))
            {
                f.F.Memory.WriteUInt32(page.PhysAddr, page.PhysAddr); // what the page held before
            }

            var id = f.M.ShmGet(Private, 0x1000, Rw);
            var va = f.M.ShmAt(id, 0, 0);

            Assert.That(f.ReadUser(va), Is.EqualTo(f.SegmentPas(id)[0]), "LOS_PhysPagesAlloc hands pages over as they are");
        }
    }
}
