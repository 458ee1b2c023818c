using System.Linq;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Mmu.Walk;
using HarmonyRenode.Core.Vm;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Mmu
{
    public class ArchMmuUnmapTests
    {
        private const RegionFlags UserRw = RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite;

        [Test]
        public void Quirk_unmap_returns_pages_covered_including_invalid_1MiB_slots()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            user.LOS_ArchMmuMap(0x01100000, 0x40000000, 2, UserRw);
            // 0x01000000..0x01300000: slot 0x010 invalid (256), slot 0x011 has 2 pages (256 covered), slot 0x012 invalid.
            Assert.That(user.LOS_ArchMmuUnmap(0x01000000, 768), Is.EqualTo(768));
            Assert.That(f.Walk(user, 0x01100000, AccessKind.Read, true).Fault, Is.EqualTo(FaultStatus.TranslationFaultSection));
        }

        [Test]
        public void Invalid_slot_skip_stops_at_the_next_1MiB_boundary()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            user.LOS_ArchMmuMap(0x01100000, 0x40000000, 1, UserRw);
            Assert.That(user.LOS_ArchMmuUnmap(0x010FF000, 2), Is.EqualTo(2));
            Assert.That(user.L1Entry(0x011), Is.Zero, "second page was the only mapping of slot 0x011");
        }

        [Test]
        public void Unmap_clears_entries_and_invalidates_each_page_then_the_emptied_L1_entry()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            user.LOS_ArchMmuMap(0x01000000, 0x40000000, 3, UserRw);
            f.Tlb.Invocations.Clear();

            Assert.That(user.LOS_ArchMmuUnmap(0x01000000, 3), Is.EqualTo(3));

            // Per page (OsArmInvalidateTlbMvaRangeNoBarrier), then the emptied L1 entry (l1Index << 20).
            var order = f.Tlb.Invocations.Select(i => (uint)i.Arguments[0]).ToArray();
            Assert.That(order, Is.EqualTo(new uint[] { 0x01000000, 0x01001000, 0x01002000, 0x01000000 }));

            f.Tlb.Verify(t => t.InvalidatePage(It.IsAny<uint>(), It.IsAny<uint>()), Times.Exactly(4));
            f.Tlb.Verify(t => t.InvalidatePage(0x01000000, user.Asid), Times.Exactly(2));
            f.Tlb.Verify(t => t.InvalidateAsid(It.IsAny<uint>()), Times.Never);
            Assert.That(user.L1Entry(0x010), Is.Zero);
            Assert.That(f.Memory.ReadUInt32(user.PhysTtb + 0x10 * 4), Is.Zero);
        }

        [Test]
        public void Partially_emptied_L2_table_keeps_its_L1_entry()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            user.LOS_ArchMmuMap(0x01000000, 0x40000000, 3, UserRw);
            f.Tlb.Invocations.Clear();
            Assert.That(user.LOS_ArchMmuUnmap(0x01001000, 1), Is.EqualTo(1));
            Assert.That(new Pte1(user.L1Entry(0x010)).IsPageTable, Is.True);
            f.Tlb.Verify(t => t.InvalidatePage(0x01001000, user.Asid), Times.Once);
            f.Tlb.VerifyNoOtherCalls();
            Assert.That(f.Walk(user, 0x01001000, AccessKind.Read, true).Fault, Is.EqualTo(FaultStatus.TranslationFaultPage));
            Assert.That(f.Walk(user, 0x01002000, AccessKind.Read, true).PhysicalAddress, Is.EqualTo(0x40002000u));
        }

        [Test]
        public void L2_page_is_freed_only_when_all_four_siblings_are_gone()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            var free = f.Allocator.FreePageCount;
            user.LOS_ArchMmuMap(0x01000000, 0x40000000, 1, UserRw);
            user.LOS_ArchMmuMap(0x01100000, 0x40000000, 1, UserRw);
            Assert.That(f.Allocator.FreePageCount, Is.EqualTo(free - 1));
            var l2Page = f.Allocator.LOS_VmPageGet(user.L1Entry(0x010));

            user.LOS_ArchMmuUnmap(0x01000000, 1);
            Assert.That(f.Allocator.FreePageCount, Is.EqualTo(free - 1), "sibling 0x011 still uses the page");
            Assert.That(user.PtList.Contains(l2Page), Is.True);

            user.LOS_ArchMmuUnmap(0x01100000, 1);
            Assert.That(f.Allocator.FreePageCount, Is.EqualTo(free));
            Assert.That(user.PtList.Contains(l2Page), Is.False);
            Assert.That(f.Allocator.IsFree(l2Page), Is.True);
            Assert.That(l2Page.RefCounts, Is.Zero);
        }

        [Test]
        public void Whole_section_unmap_clears_L1_and_invalidates_its_base()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            user.LOS_ArchMmuMap(0x02000000, 0x40000000, 512, UserRw);
            f.Tlb.Invocations.Clear();
            Assert.That(user.LOS_ArchMmuUnmap(0x02000000, 512), Is.EqualTo(512));
            f.Tlb.Verify(t => t.InvalidatePage(0x02000000, user.Asid), Times.Once);
            f.Tlb.Verify(t => t.InvalidatePage(0x02100000, user.Asid), Times.Once);
            f.Tlb.VerifyNoOtherCalls();
            Assert.That(user.L1Entry(0x020) | user.L1Entry(0x021), Is.Zero);
        }

        [TestCase(0x02000000u, 255)]
        [TestCase(0x02001000u, 256)]
        public void Partial_section_unmap_panics(uint va, int count)
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            user.LOS_ArchMmuMap(0x02000000, 0x40000000, 256, UserRw);
            var ex = Assert.Throws<KernelPanicException>(() => user.LOS_ArchMmuUnmap(va, count));
            Assert.That(ex.Message, Does.Contain("unimplemented"));
        }

        [Test]
        public void Quirk_unaligned_va_at_the_end_of_an_invalid_slot_makes_no_progress_and_returns_fault()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            // (1 MiB - va % 1 MiB) >> 12 == 0: ten zero-progress steps → LOS_ERRNO_VM_FAULT.
            Assert.That(user.LOS_ArchMmuUnmap(0x010FFF80, 1), Is.EqualTo((int)VmStatus.Fault));
        }

        [Test]
        public void L1_type_3_panics_on_unmap()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            user.WriteRawL1(0x010, 0x40000003);
            Assert.Throws<KernelPanicException>(() => user.LOS_ArchMmuUnmap(0x01000000, 1));
        }
    }
}
