using System.Linq;
using HarmonyRenode.Core.Faults;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Mmu.Walk;
using HarmonyRenode.Core.Tests.Mmu;
using HarmonyRenode.Core.Vm;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Faults
{
    public class PageFaultHandlerTests
    {
        private const RegionFlags UserRw = RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite;
        private const uint ReadFsr = 0x007;    // translation fault, page, read
        private const uint WriteFsr = 0x807;   // translation fault, page, write
        private const uint PermWriteFsr = 0x80F;

        private MmuFixture f;
        private ArchMmu user;
        private FakeVm vm;
        private PageFaultHandler handler;

        [SetUp]
        public void SetUp()
        {
            f = new MmuFixture();
            user = f.Context.CreateUserMmu();
            vm = new FakeVm { Kernel = new FakeSpace(f.Kernel), User = new FakeSpace(user) };
            vm.User.Regions.Add(new FaultRegion(0x02000000, 0x10000, UserRw, FaultRegion.TypeAnon));
            vm.User.Regions.Add(new FaultRegion(0x03000000, 0x1000, RegionFlags.PermUser | RegionFlags.PermRead, FaultRegion.TypeAnon));
            vm.User.Regions.Add(new FaultRegion(0x04000000, 0x1000, RegionFlags.PermUser, FaultRegion.TypeAnon)); // PROT_NONE
            handler = new PageFaultHandler(f.Allocator, vm, f.Tlb.Object, f.Log);
        }

        [Test]
        public void Demand_zero_maps_a_fresh_zeroed_page_with_the_region_flags_and_refcount_1()
        {
            var free = f.Allocator.FreePageCount;
            foreach (var p in f.Allocator.Pages.Where(p => f.Allocator.IsFree(p)))
            {
                f.Memory.Fill(p.PhysAddr, 4096, 0x5A);
            }
            var outcome = handler.OsArmSharedPageFault(FaultKind.Data, 0x02003123, ReadFsr, true);
            Assert.That(outcome.Action, Is.EqualTo(FaultAction.Resume));
            var (queryStatus, pa, flags) = user.LOS_ArchMmuQuery(0x02003000);
            Assert.That(queryStatus, Is.EqualTo(VmStatus.NoError));
            Assert.That(flags, Is.EqualTo(UserRw), "read fault still maps writable: no shared zero page");
            var page = f.Allocator.LOS_VmPageGet(pa);
            Assert.That(page.RefCounts, Is.EqualTo(1));
            for (uint off = 0; off < 4096; off += 4)
            {
                Assert.That(f.Memory.ReadUInt32(pa + off), Is.Zero);
            }
            ExpectedAttributes.AssertTranslation(f.Walk(user, 0x02003123, AccessKind.Write, false), pa + 0x123, UserRw, "faulted page");
            Assert.That(f.Allocator.FreePageCount, Is.EqualTo(free - 2), "data page + L2 table page");
        }

        [Test]
        public void Cow_copies_a_shared_page_and_moves_one_reference()
        {
            var old = f.Allocator.LOS_PhysPageAlloc();
            old.RefCounts = 2; // parent and child after fork
            f.Memory.Fill(old.PhysAddr, 4096, 0x77);
            user.LOS_ArchMmuMap(0x02000000, old.PhysAddr, 1, RegionFlags.PermUser | RegionFlags.PermRead);
            var outcome = handler.OsArmSharedPageFault(FaultKind.Data, 0x02000010, PermWriteFsr, true);
            Assert.That(outcome.Action, Is.EqualTo(FaultAction.Resume));
            var (_, pa, flags) = user.LOS_ArchMmuQuery(0x02000000);
            Assert.That(pa, Is.Not.EqualTo(old.PhysAddr));
            Assert.That(flags, Is.EqualTo(UserRw));
            Assert.That(f.Memory.ReadUInt32(pa + 0x800), Is.EqualTo(0x77777777u));
            Assert.That(old.RefCounts, Is.EqualTo(1));
            Assert.That(f.Allocator.LOS_VmPageGet(pa).RefCounts, Is.EqualTo(1));
            f.Tlb.Verify(t => t.InvalidatePage(0x02000000, user.Asid), Times.AtLeastOnce());
        }

        [Test]
        public void Cow_by_the_last_sharer_reuses_the_page_and_frees_the_new_one()
        {
            var old = f.Allocator.LOS_PhysPageAlloc();
            old.RefCounts = 1;
            f.Memory.Fill(old.PhysAddr, 4096, 0x77);
            user.LOS_ArchMmuMap(0x02000000, old.PhysAddr, 1, RegionFlags.PermUser | RegionFlags.PermRead);
            var free = f.Allocator.FreePageCount;
            var outcome = handler.OsArmSharedPageFault(FaultKind.Data, 0x02000010, PermWriteFsr, true);
            Assert.That(outcome.Action, Is.EqualTo(FaultAction.Resume));
            var (_, pa, flags) = user.LOS_ArchMmuQuery(0x02000000);
            Assert.That((pa, flags), Is.EqualTo((old.PhysAddr, UserRw)));
            Assert.That(old.RefCounts, Is.EqualTo(1));
            Assert.That(f.Memory.ReadUInt32(pa), Is.EqualTo(0x77777777u), "content kept");
            Assert.That(f.Allocator.FreePageCount, Is.EqualTo(free), "new page went back; L2 table page is reused");
        }

        [Test]
        public void Write_to_read_only_region_is_access_denied_and_kills_the_user_process_with_sigusr2()
        {
            var outcome = handler.OsArmSharedPageFault(FaultKind.Data, 0x03000004, WriteFsr, true);
            Assert.That(outcome.Action, Is.EqualTo(FaultAction.KillUserProcess));
            Assert.That(outcome.Status, Is.EqualTo(VmStatus.AccessDenied));
            Assert.That(outcome.ExitStatus, Is.EqualTo(12));
            Assert.That(outcome.Lines, Is.EqualTo(new[]
            {
                "data_abort fsr:0x807, far:0x03000004",
                "Abort caused by a write instruction. Translation fault, page",
            }));
            Assert.That(f.Log.Errors.Single(), Does.StartWith("write permission check failed"));
            Assert.That(user.LOS_ArchMmuQuery(0x03000000).Status, Is.EqualTo(VmStatus.NotFound));
        }

        [Test]
        public void Prot_none_region_denies_even_reads()
        {
            var outcome = handler.OsArmSharedPageFault(FaultKind.Data, 0x04000000, ReadFsr, true);
            Assert.That(outcome.Status, Is.EqualTo(VmStatus.AccessDenied));
            Assert.That(f.Log.Errors.Single(), Does.StartWith("read permission check failed"));
        }

        [Test]
        public void Fetch_from_non_executable_region_is_denied()
        {
            var outcome = handler.OsArmSharedPageFault(FaultKind.Prefetch, 0x02000000, 0x007, true);
            Assert.That(outcome.Action, Is.EqualTo(FaultAction.KillUserProcess));
            Assert.That(outcome.Lines[0], Is.EqualTo("prefetch_abort fault fsr:0x7, far:0x02000000"));
            Assert.That(f.Log.Errors.Single(), Does.StartWith("exec permission check failed"));
        }

        [Test]
        public void Fault_outside_any_region_logs_region_not_exists()
        {
            var outcome = handler.OsArmSharedPageFault(FaultKind.Data, 0x05000000, ReadFsr, true);
            Assert.That((outcome.Action, outcome.Status), Is.EqualTo((FaultAction.KillUserProcess, VmStatus.NotFound)));
            Assert.That(f.Log.Errors, Is.EqualTo(new[] { "region not exists" }));
        }

        [Test]
        public void User_access_to_a_kernel_address_is_denied()
        {
            vm.Kernel.Regions.Add(new FaultRegion(0x40000000, 0x100000, RegionFlags.PermRead | RegionFlags.PermWrite, FaultRegion.TypeAnon));
            var outcome = handler.OsArmSharedPageFault(FaultKind.Data, 0x40000000, 0x00D, true);
            Assert.That((outcome.Action, outcome.Status), Is.EqualTo((FaultAction.KillUserProcess, VmStatus.AccessDenied)));
            Assert.That(f.Log.Errors, Is.EqualTo(new[] { "user space not allowed to access invalid address" }));
        }

        [Test]
        public void Kernel_fault_in_no_space_halts_with_the_kernel_message()
        {
            var outcome = handler.OsArmSharedPageFault(FaultKind.Data, 0x00000010, 0x005, false);
            Assert.That(outcome.Action, Is.EqualTo(FaultAction.KernelHalt));
            Assert.That(outcome.Message, Is.EqualTo("data_abort fsr:0x5, far:0x00000010\nAbort caused by a read instruction. Translation fault, section"));
            Assert.That(f.Log.Errors, Is.EqualTo(new[] { "vm space not exists" }));
        }

        [Test]
        public void Kernel_mode_prefetch_abort_is_fatal_without_the_handler()
        {
            vm.Kernel.Regions.Add(new FaultRegion(0x40000000, 0x100000, RegionFlags.PermRead | RegionFlags.PermExecute, FaultRegion.TypeAnon));
            var outcome = handler.OsArmSharedPageFault(FaultKind.Prefetch, 0x40000000, 0x007, false);
            Assert.That(outcome.Action, Is.EqualTo(FaultAction.KernelHalt));
            Assert.That(f.Kernel.LOS_ArchMmuQuery(0x40000000).Status, Is.EqualTo(VmStatus.NotFound), "not demand-paged");
            Assert.That(f.Log.Errors, Is.Empty);
        }

        [TestCase(0x001u)]
        [TestCase(0x006u)]
        [TestCase(0x009u)]
        [TestCase(0x008u)]
        public void Quirk_other_fault_codes_retry_after_invalidating_the_page(uint fsr)
        {
            var outcome = handler.OsArmSharedPageFault(FaultKind.Data, 0x02003123, fsr, true);
            Assert.That((outcome.Action, outcome.Va), Is.EqualTo((FaultAction.RetryAfterTlbInvalidate, 0x02003000u)));
            f.Tlb.Verify(t => t.InvalidatePage(0x02003000, It.IsAny<uint>()), Times.Once);
            Assert.That(user.LOS_ArchMmuQuery(0x02003000).Status, Is.EqualTo(VmStatus.NotFound));
        }

        [Test]
        public void Out_of_pages_is_no_memory()
        {
            user.LOS_ArchMmuMap(0x02000000, 0x40000000, 1, UserRw); // L2 table exists already
            user.LOS_ArchMmuUnmap(0x02000000, 1);
            user.LOS_ArchMmuMap(0x02008000, 0x40000000, 1, UserRw);
            while (f.Allocator.LOS_PhysPageAlloc() != null)
            {
            }
            var outcome = handler.OsArmSharedPageFault(FaultKind.Data, 0x02001000, ReadFsr, true);
            Assert.That(outcome.Status, Is.EqualTo(VmStatus.NoMemory));
        }

        [Test]
        public void Walker_sees_the_faulted_page_that_the_handler_mapped()
        {
            var before = f.Walk(user, 0x02005000, AccessKind.Write, false);
            Assert.That(before.Fault, Is.EqualTo(FaultStatus.TranslationFaultSection));
            var outcome = handler.OsArmSharedPageFault(FaultKind.Data, 0x02005000, before.Fsr, true);
            Assert.That(outcome.Action, Is.EqualTo(FaultAction.Resume));
            Assert.That(f.Walk(user, 0x02005000, AccessKind.Write, false).IsFault, Is.False);
        }
    }
}
