using System.Linq;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Mmu.Walk;
using HarmonyRenode.Core.Vm;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Mmu
{
    public class ArchMmuQueryProtTests
    {
        private const RegionFlags UserRw = RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite;
        private const RegionFlags UserRo = RegionFlags.PermUser | RegionFlags.PermRead;

        [Test]
        public void Query_returns_pa_with_offset_and_recoverable_flags()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            user.LOS_ArchMmuMap(0x01000000, 0x40300000, 1, UserRw | RegionFlags.Shared);
            user.LOS_ArchMmuMap(0x02000000, 0x40400000, 256, UserRo | RegionFlags.PermExecute | RegionFlags.Uncached);
            var (queryStatus, pa, flags) = user.LOS_ArchMmuQuery(0x01000ABC);
            Assert.That(queryStatus, Is.EqualTo(VmStatus.NoError));
            Assert.That(pa, Is.EqualTo(0x40300ABCu));
            Assert.That(flags, Is.EqualTo(UserRw), "SHARED is not recoverable");
            (queryStatus, pa, flags) = user.LOS_ArchMmuQuery(0x020FFFFC);
            Assert.That(queryStatus, Is.EqualTo(VmStatus.NoError));
            Assert.That(pa, Is.EqualTo(0x404FFFFCu));
            Assert.That(flags, Is.EqualTo(UserRo | RegionFlags.PermExecute | RegionFlags.Uncached));
        }

        [Test]
        public void Query_of_unmapped_address_is_not_found()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            user.LOS_ArchMmuMap(0x01000000, 0x40300000, 1, UserRw);
            Assert.That(user.LOS_ArchMmuQuery(0x01001000).Status, Is.EqualTo(VmStatus.NotFound), "invalid L2 entry");
            Assert.That(user.LOS_ArchMmuQuery(0x01100000).Status, Is.EqualTo(VmStatus.NotFound), "invalid L1 entry");
        }

        [Test]
        public void Quirk_query_of_L1_type_3_returns_ok_without_outputs()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            user.WriteRawL1(0x010, 0x40000C03);
            var (queryStatus, pa, flags) = user.LOS_ArchMmuQuery(0x01000000);
            Assert.That(queryStatus, Is.EqualTo(VmStatus.NoError));
            Assert.That(pa, Is.Zero);
            Assert.That(flags, Is.EqualTo(RegionFlags.None));
        }

        [Test]
        public void ChangeProt_remaps_mapped_pages_and_skips_holes()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            user.LOS_ArchMmuMap(0x01000000, 0x40300000, 1, UserRw);
            user.LOS_ArchMmuMap(0x01002000, 0x40302000, 1, UserRw);
            f.Tlb.Invocations.Clear();
            Assert.That(user.LOS_ArchMmuChangeProt(0x01000000, 3, UserRo), Is.True);
            ExpectedAttributes.AssertTranslation(f.Walk(user, 0x01000000, AccessKind.Read, true), 0x40300000, UserRo, "page 0");
            ExpectedAttributes.AssertTranslation(f.Walk(user, 0x01002000, AccessKind.Read, true), 0x40302000, UserRo, "page 2");
            Assert.That(f.Walk(user, 0x01002000, AccessKind.Write, false).Fault, Is.EqualTo(FaultStatus.PermissionFaultPage));
            Assert.That(user.LOS_ArchMmuQuery(0x01001000).Status, Is.EqualTo(VmStatus.NotFound));
            f.Tlb.Verify(t => t.InvalidatePage(0x01000000, user.Asid), Times.Once);
            f.Tlb.Verify(t => t.InvalidatePage(0x01002000, user.Asid), Times.Once);
        }

        [Test]
        public void ChangeProt_and_Move_refuse_zero_va_or_count()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            Assert.That(user.LOS_ArchMmuChangeProt(0, 1, UserRo), Is.False);
            Assert.That(user.LOS_ArchMmuChangeProt(0x01000000, 0, UserRo), Is.False);
            Assert.That(user.LOS_ArchMmuMove(0x01000000, 0, 1, UserRo), Is.False);
            Assert.That(f.Log.Errors.Count, Is.EqualTo(3));
        }

        [Test]
        public void Move_transfers_pages_to_the_new_va_keeping_pa_and_refcounts()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            var page = f.Allocator.LOS_PhysPageAlloc();
            page.RefCounts = 1;
            user.LOS_ArchMmuMap(0x01000000, page.PhysAddr, 1, UserRw);
            Assert.That(user.LOS_ArchMmuMove(0x01000000, 0x01800000, 2, UserRo), Is.True);
            Assert.That(user.LOS_ArchMmuQuery(0x01000000).Status, Is.EqualTo(VmStatus.NotFound));
            ExpectedAttributes.AssertTranslation(f.Walk(user, 0x01800000, AccessKind.Read, true), page.PhysAddr, UserRo, "moved");
            Assert.That(user.LOS_ArchMmuQuery(0x01801000).Status, Is.EqualTo(VmStatus.NotFound), "hole stays a hole");
            Assert.That(page.RefCounts, Is.EqualTo(1));
        }

        [Test]
        public void Destroy_frees_every_table_page_invalidates_the_asid_and_frees_it()
        {
            var f = new MmuFixture();
            var free = f.Allocator.FreePageCount;
            var user = f.Context.CreateUserMmu();
            user.LOS_ArchMmuMap(0x01000000, 0x40300000, 1, UserRw);
            user.LOS_ArchMmuMap(0x01400000, 0x40300000, 1, UserRw);
            user.LOS_ArchMmuMap(0x01800000, 0x40300000, 256, UserRw); // section: no table page
            Assert.That(f.Allocator.FreePageCount, Is.EqualTo(free - 3));
            var asid = user.Asid;
            user.LOS_ArchMmuDestroy();
            Assert.That(f.Allocator.FreePageCount, Is.EqualTo(free));
            Assert.That(user.PtList.Count, Is.Zero);
            f.Tlb.Verify(t => t.InvalidateAsid(asid), Times.Once);
            Assert.That(f.Context.Asids.IsAllocated(asid), Is.False);
        }

        [Test]
        public void Asids_kernel_0_vmalloc_1_users_from_2_lowest_free_first()
        {
            var f = new MmuFixture();
            Assert.That(f.Kernel.Asid, Is.EqualTo(0u));
            Assert.That(f.Vmalloc.Asid, Is.EqualTo(1u));
            var a = f.Context.CreateUserMmu();
            var b = f.Context.CreateUserMmu();
            Assert.That((a.Asid, b.Asid), Is.EqualTo((2u, 3u)));
            a.LOS_ArchMmuDestroy();
            Assert.That(f.Context.CreateUserMmu().Asid, Is.EqualTo(2u));
        }

        [Test]
        public void Asid_exhaustion_fails_user_mmu_creation_and_returns_the_L1_page()
        {
            var f = new MmuFixture();
            for (var i = 2; i < 256; i++)
            {
                Assert.That(f.Context.CreateUserMmu(), Is.Not.Null, $"user {i}");
            }
            var free = f.Allocator.FreePageCount;
            Assert.That(f.Context.CreateUserMmu(), Is.Null);
            Assert.That(f.Allocator.FreePageCount, Is.EqualTo(free));
            Assert.That(f.Log.Errors.Last(), Is.EqualTo("alloc arch mmu asid failed"));
        }

        [Test]
        public void User_L1_is_one_zeroed_page_on_ptList()
        {
            var f = new MmuFixture();
            var dirty = f.Allocator.LOS_PhysPagesAllocContiguous(1);
            f.Memory.Fill(f.Config().KernelVaToPa(dirty), 4096, 0xEE);
            f.Allocator.LOS_PhysPagesFreeContiguous(f.Allocator.LOS_VmPageGet(f.Config().KernelVaToPa(dirty)), 1);
            var user = f.Context.CreateUserMmu();
            Assert.That(user.PhysTtb, Is.EqualTo(f.Config().KernelVaToPa(dirty)), "same page handed out again");
            Assert.That(user.VirtTtb, Is.EqualTo(dirty));
            Assert.That(user.L1EntryCount, Is.EqualTo(1024));
            Assert.That(user.PtList.Count, Is.EqualTo(1));
            Assert.That(user.PtList.First.PhysAddr, Is.EqualTo(user.PhysTtb));
            for (uint off = 0; off < 4096; off += 4)
            {
                Assert.That(f.Memory.ReadUInt32(user.PhysTtb + off), Is.Zero);
            }
        }

        [Test]
        public void Registers_for_a_user_space_and_for_none()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            var none = f.Context.RegistersFor(null);
            Assert.That((none.Ttbr0, none.Ttbr1, none.Ttbcr, none.Dacr, none.Contextidr),
                Is.EqualTo((0u, 0x40004048u, 0x12u, 0x7u, 0u)));
            var r = f.Context.RegistersFor(user);
            Assert.That((r.Ttbr0, r.Ttbr1, r.Ttbcr, r.Dacr, r.Contextidr),
                Is.EqualTo((user.PhysTtb | 0x48, 0x40004048u, 0x2u, 0x7u, user.Asid)));
        }
    }

    internal static class FixtureExtensions
    {
        public static MemoryConfig Config(this MmuFixture f) => f.Phys.Config;
    }
}
