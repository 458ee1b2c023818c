using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Faults;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;
using static HarmonyRenode.Core.Tests.Facade.ManagerFixture;

namespace HarmonyRenode.Core.Tests.Facade
{
    public class LiteOsMemoryManagerTests
    {
        [Test]
        public void Boot_leaves_the_model_consistent()
        {
            var f = new ManagerFixture();

            Assert.That(f.Manager.CheckInvariants(), Is.Empty);
            Assert.That(f.Manager.SystemPool, Is.EqualTo(0x40100000u));
        }

        [Test]
        public void Boot_mappings_take_their_L2_pages_before_the_first_guest_allocation()
        {
            var f = new ManagerFixture();

            // The two L2 table pages of the re-mapped image came from the order-0 and order-1 heads (0x4025D000,
            // 0x4025E000); the guest's first single page is the split-off buddy, its first 3-page block the next block.
            Assert.That(f.Manager.Phys.LOS_VmPageGet(0x4025D000).RefCounts, Is.Zero);
            Assert.That(f.Manager.Phys.IsFree(f.Manager.Phys.LOS_VmPageGet(0x4025D000)), Is.False);
            Assert.That(f.Manager.LOS_PhysPagesAllocContiguous(3), Is.EqualTo(0x40260000u));
            Assert.That(f.Api.PageOf(f.Api.LOS_PhysPageAlloc()).PhysAddr, Is.EqualTo(0x4025F000u));
        }

        [Test]
        public void Kernel_malloc_uses_the_heap_below_16_KiB_and_pages_above()
        {
            var f = new ManagerFixture();

            var small = f.Manager.LOS_KernelMalloc(100);
            var large = f.Manager.LOS_KernelMalloc(0x4000);

            Assert.That(small, Is.EqualTo(0x40100000u + 936 + 12));
            Assert.That(large & 0xFFF, Is.Zero);
            Assert.That(f.Manager.Heap.OsMemIsHeapNode(large), Is.False);
            f.Manager.LOS_KernelFree(large);
            f.Manager.LOS_KernelFree(small);
            Assert.That(f.Manager.CheckInvariants(), Is.Empty);
        }

        [Test]
        public void Page_pointers_are_descriptors_in_the_page_array_with_the_physical_address_written()
        {
            var f = new ManagerFixture();

            var page = f.Api.LOS_PhysPageAlloc();

            Assert.That(page, Is.EqualTo(f.Manager.Layout.PageArrayBase + 2 * 24u), "third page of the segment");
            Assert.That(f.Memory.ReadUInt32(f.Config.KernelVaToPa(page) + 8), Is.EqualTo(0x4025F000u));
            f.Api.LOS_PhysPageFree(page);
            Assert.That(f.Manager.CheckInvariants(), Is.Empty);
        }

        [Test]
        public void A_foreign_page_pointer_is_refused_with_one_line()
        {
            var f = new ManagerFixture();
            var before = f.Snapshot();

            f.Api.LOS_PhysPageFree(f.Manager.Layout.PageArrayBase + 5);

            Assert.That(f.Log.Errors, Has.Count.EqualTo(1));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }

        [Test]
        public void A_pool_that_is_not_the_system_heap_is_refused_with_one_line()
        {
            var f = new ManagerFixture();

            Assert.That(f.Api.LOS_MemAlloc(0x40000000, 16), Is.Zero);
            Assert.That(f.Api.LOS_MemFree(0x40000000, 0x40000100), Is.EqualTo(LosReturn.Nok));
            Assert.That(f.Log.Errors, Has.Count.EqualTo(2));
        }

        [Test]
        public void Null_pool_falls_back_to_the_boot_allocator_which_refuses_after_boot()
        {
            var f = new ManagerFixture();

            Assert.That(f.Api.LOS_MemAlloc(0, 16), Is.Zero);
            Assert.That(f.Log.Errors, Has.Some.Contains("do not to use boot memory allocation"));
        }

        [Test]
        public void User_mmap_is_demand_paged_by_a_translation_fault()
        {
            var f = new ManagerFixture();
            f.EnterUserSpace();
            var va = f.Manager.LOS_MMap(0, 0x3000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);
            Assert.That(va, Is.EqualTo(VmZone.UserMapBase));

            var status = f.Api.OsArmSharedPageFault(false, FsrTranslationSection | FsrWrite, va + 0x1004, UsrCpsr);

            Assert.That(status, Is.Zero);
            Assert.That(f.Manager.LOS_PaddrQuery(va + 0x1004) & 0xFFF, Is.EqualTo(4u));
            Assert.That(f.Manager.LOS_PaddrQuery(va), Is.Zero, "only the touched page is mapped");
            Assert.That(f.Manager.CheckInvariants(), Is.Empty);
        }

        [Test]
        public void User_access_to_a_kernel_address_ends_the_process_not_the_system()
        {
            var f = new ManagerFixture();
            f.EnterUserSpace();

            var outcome = f.Manager.HandleAbort(false, FsrPermissionPage, 0x40100000, userMode: true);

            Assert.That(outcome.Action, Is.EqualTo(FaultAction.KillUserProcess));
            Assert.That(outcome.ExitStatus, Is.EqualTo(FaultOutcome.SigUsr2));
        }

        [Test]
        public void A_kernel_fault_outside_every_region_halts_with_the_kernel_message()
        {
            var f = new ManagerFixture();

            var outcome = f.Manager.HandleAbort(false, FsrTranslationSection, 0x00001000, userMode: false);

            Assert.That(outcome.Action, Is.EqualTo(FaultAction.KernelHalt));
            Assert.That(f.Log.Errors, Has.Some.Contains("data_abort fsr:0x5, far:0x00001000"));
            Assert.That(f.Manager.CheckInvariants(), Is.Empty);
        }

        [Test]
        public void Write_to_a_read_only_region_is_denied()
        {
            var f = new ManagerFixture();
            f.EnterUserSpace();
            var va = f.Manager.LOS_MMap(0, 0x1000, ProtFlags.Read, MapFlags.Private | MapFlags.Anonymous, -1, 0);

            var status = f.Api.OsArmSharedPageFault(false, FsrTranslationPage | FsrWrite, va, UsrCpsr);

            Assert.That(status, Is.EqualTo((int)VmStatus.AccessDenied));
            Assert.That(f.Manager.LOS_PaddrQuery(va), Is.Zero);
        }

        [Test]
        public void Clone_then_write_copies_the_page_and_the_last_writer_keeps_its_own()
        {
            var f = new ManagerFixture();
            var parent = f.EnterUserSpace();
            var va = f.Manager.LOS_MMap(0, 0x1000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);
            f.Api.OsArmSharedPageFault(false, FsrTranslationSection | FsrWrite, va, UsrCpsr);
            var shared = f.Manager.LOS_PaddrQuery(va);
            f.Memory.WriteUInt32(shared, 0x1234);
            var child = f.Api.OsCreateUserVmSpace();

            Assert.That(f.Api.LOS_VmSpaceClone(0, parent, child), Is.Zero);
            Assert.That(f.Manager.Phys.LOS_VmPageGet(shared).RefCounts, Is.EqualTo(2));

            f.Api.ActivateSpace(child);
            Assert.That(f.Api.OsArmSharedPageFault(false, FsrPermissionPage | FsrWrite, va, UsrCpsr), Is.Zero);
            var copy = f.Manager.LOS_PaddrQuery(va);
            Assert.That(copy, Is.Not.EqualTo(shared));
            Assert.That(f.Memory.ReadUInt32(copy), Is.EqualTo(0x1234u));

            f.Api.ActivateSpace(parent);
            Assert.That(f.Api.OsArmSharedPageFault(false, FsrPermissionPage | FsrWrite, va, UsrCpsr), Is.Zero);
            Assert.That(f.Manager.LOS_PaddrQuery(va), Is.EqualTo(shared), "refCounts 1: the page is reused");
            Assert.That(f.Manager.CheckInvariants(), Is.Empty);
        }

        [Test]
        public void Freeing_a_user_space_returns_every_page()
        {
            var f = new ManagerFixture();
            var free = f.Manager.Phys.FreePageCount;
            var space = f.EnterUserSpace();
            var va = f.Manager.LOS_MMap(0, 0x4000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);
            for (uint i = 0; i < 4; i++)
            {
                f.Api.OsArmSharedPageFault(false, FsrTranslationSection | FsrWrite, va + i * 0x1000, UsrCpsr);
            }

            f.Api.ActivateSpace(0);
            Assert.That(f.Api.LOS_VmSpaceFree(space), Is.Zero);

            Assert.That(f.Manager.Phys.FreePageCount, Is.EqualTo(free));
            Assert.That(f.Manager.CheckInvariants(), Is.Empty);
        }
    }
}
