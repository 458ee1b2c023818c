using System.Linq;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Mmu.Walk;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Mmu
{
    public class ArchMmuMapTests
    {
        private const RegionFlags UserRw = RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite;

        [Test]
        public void Section_word_is_base_attributes_and_type_2()
        {
            var f = new MmuFixture();
            Assert.That(f.Vmalloc.LOS_ArchMmuMap(0xC0000000, 0x40000000, 256, RegionFlags.PermRead | RegionFlags.PermWrite), Is.EqualTo(256));
            // 0x100C normal WB | 0x20 domain 1 | 0x400 P_RW_U_NA | 0x10 XN | 2 section.
            Assert.That(f.Memory.ReadUInt32(f.Kernel.PhysTtb + 0xC00 * 4), Is.EqualTo(0x4000143Eu));
            Assert.That(f.Vmalloc.L1Entry(0xC00), Is.EqualTo(0x4000143Eu));
        }

        [Test]
        public void Sections_only_when_va_and_pa_are_1MiB_aligned_and_256_pages_remain()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            Assert.That(user.LOS_ArchMmuMap(0x01000000, 0x40100000, 255, UserRw), Is.EqualTo(255));
            Assert.That(new Pte1(user.L1Entry(0x010)).IsPageTable, Is.True, "255 pages: L2");
            Assert.That(user.LOS_ArchMmuMap(0x02000000, 0x40101000, 256, UserRw), Is.EqualTo(256));
            Assert.That(new Pte1(user.L1Entry(0x020)).IsPageTable, Is.True, "PA not aligned: L2");
            Assert.That(user.LOS_ArchMmuMap(0x03000000, 0x40100000, 512 + 3, UserRw), Is.EqualTo(515));
            Assert.That(new Pte1(user.L1Entry(0x030)).IsSection, Is.True);
            Assert.That(new Pte1(user.L1Entry(0x031)).IsSection, Is.True);
            Assert.That(new Pte1(user.L1Entry(0x032)).IsPageTable, Is.True, "the 3-page tail uses L2");
            for (var va = 0x03000000u; va < 0x03203000; va += 0x1000)
            {
                ExpectedAttributes.AssertTranslation(f.Walk(user, va, AccessKind.Read, true), 0x40100000 + va - 0x03000000, UserRw, $"va 0x{va:X}");
            }
        }

        [Test]
        public void L1_page_table_entry_and_L2_entries_have_exact_words()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            Assert.That(user.LOS_ArchMmuMap(0x01001000, 0x40500000, 2, UserRw | RegionFlags.PermExecute), Is.EqualTo(2));

            // L1 index 0x010 is (0x010 & 3) = 0: first quarter of the page; domain 1 (0x20), type 1.
            var expectedL1 = user.PtList.First.PhysAddr | 0x21;
            Assert.That(f.Memory.ReadUInt32(user.PhysTtb + 0x10 * 4), Is.EqualTo(expectedL1));
            var l2 = expectedL1 & ~0x3FFu;
            Assert.That(f.Memory.ReadUInt32(l2 + 4), Is.EqualTo(0x40500000u | 0x4C | 0x30 | 0x2 | 0x800));
            Assert.That(f.Memory.ReadUInt32(l2 + 8), Is.EqualTo(0x40501000u | 0x4C | 0x30 | 0x2 | 0x800));
            Assert.That(f.Memory.ReadUInt32(l2), Is.EqualTo(0u));
            Assert.That(f.Memory.ReadUInt32(l2 + 12), Is.EqualTo(0u));
            Assert.That(user.PtList.First.PhysAddr, Is.Not.EqualTo(user.PhysTtb));
        }

        [Test]
        public void L2_tables_of_a_4MiB_group_share_one_page_at_1KiB_times_index_and_3()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            var free = f.Allocator.FreePageCount;
            user.LOS_ArchMmuMap(0x01200000, 0x40000000, 1, UserRw); // l1 0x012: quarter 2, allocates the page
            user.LOS_ArchMmuMap(0x01000000, 0x40000000, 1, UserRw); // l1 0x010: quarter 0, sibling lookup
            user.LOS_ArchMmuMap(0x01300000, 0x40000000, 1, UserRw); // l1 0x013: quarter 3
            user.LOS_ArchMmuMap(0x01400000, 0x40000000, 1, UserRw); // l1 0x014: next group, new page
            Assert.That(f.Allocator.FreePageCount, Is.EqualTo(free - 2));
            var page = user.L1Entry(0x012) & ~0xFFFu;
            Assert.That(user.L1Entry(0x012) & ~0x3FFu, Is.EqualTo(page + 0x800));
            Assert.That(user.L1Entry(0x010) & ~0x3FFu, Is.EqualTo(page + 0x000));
            Assert.That(user.L1Entry(0x013) & ~0x3FFu, Is.EqualTo(page + 0xC00));
            Assert.That(user.L1Entry(0x014) & ~0x3FFu, Is.Not.EqualTo(page + 0x000));
            Assert.That(user.PtList.Count, Is.EqualTo(3), "user L1 page + two L2 pages");
            Assert.That(user.PtList.First.PhysAddr, Is.EqualTo(user.L1Entry(0x014) & ~0xFFFu), "head insert (LOS_ListAdd)");
            foreach (var va in new[] { 0x01200000u, 0x01000000u, 0x01300000u, 0x01400000u })
            {
                ExpectedAttributes.AssertTranslation(f.Walk(user, va, AccessKind.Read, true), 0x40000000, UserRw, $"0x{va:X}");
            }
        }

        [Test]
        public void A_new_L2_page_is_zeroed_in_guest_ram()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            foreach (var free in f.Allocator.Pages.Where(p => f.Allocator.IsFree(p)))
            {
                f.Memory.Fill(free.PhysAddr, 4096, 0xCD); // whatever the guest left in free pages
            }
            user.LOS_ArchMmuMap(0x01000000, 0x40000000, 1, UserRw);
            var l2Page = user.L1Entry(0x010) & ~0xFFFu;
            for (uint off = 4; off < 4096; off += 4)
            {
                Assert.That(f.Memory.ReadUInt32(l2Page + off), Is.Zero, $"offset 0x{off:X}");
            }
        }

        [Test]
        public void Map_overwrites_existing_entries_without_checks()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            user.LOS_ArchMmuMap(0x01000000, 0x40000000, 4, UserRw);
            Assert.That(user.LOS_ArchMmuMap(0x01001000, 0x40800000, 1, RegionFlags.PermUser | RegionFlags.PermRead), Is.EqualTo(1));
            ExpectedAttributes.AssertTranslation(f.Walk(user, 0x01001000, AccessKind.Read, true), 0x40800000,
                RegionFlags.PermUser | RegionFlags.PermRead, "overwritten");
            Assert.That(f.Tlb.Invocations, Is.Empty, "map issues no TLB maintenance");
        }

        [Test]
        public void Quirk_section_map_over_an_L2_table_leaks_the_table_page_on_ptList()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            user.LOS_ArchMmuMap(0x01000000, 0x40000000, 1, UserRw);
            var pages = user.PtList.Count;
            user.LOS_ArchMmuMap(0x01000000, 0x40000000, 256, UserRw);
            Assert.That(new Pte1(user.L1Entry(0x010)).IsSection, Is.True);
            Assert.That(user.PtList.Count, Is.EqualTo(pages), "the L2 page stays allocated on ptList");
        }

        [Test]
        public void Page_map_into_a_section_panics_unimplemented_tt_entry()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            user.LOS_ArchMmuMap(0x01000000, 0x40000000, 256, UserRw);
            var ex = Assert.Throws<KernelPanicException>(() => user.LOS_ArchMmuMap(0x01001000, 0x40000000, 1, UserRw));
            Assert.That(ex.Message, Does.Contain("unimplemented tt_entry"));
        }

        [Test]
        public void Ns_flag_panics()
        {
            var f = new MmuFixture();
            var ex = Assert.Throws<KernelPanicException>(() => f.Vmalloc.LOS_ArchMmuMap(0xC0000000, 0x40000000, 1, RegionFlags.PermRead | RegionFlags.NonSecure));
            Assert.That(ex.Message, Is.EqualTo("NS mem is not supported"));
        }

        [TestCase(0xC0000800u, 0x40000000u)]
        [TestCase(0xC0000000u, 0x40000004u)]
        public void Unaligned_va_or_pa_is_invalid_args_and_changes_nothing(uint va, uint pa)
        {
            var f = new MmuFixture();
            var free = f.Allocator.FreePageCount;
            Assert.That(f.Vmalloc.LOS_ArchMmuMap(va, pa, 1, RegionFlags.PermRead), Is.EqualTo((int)VmStatus.InvalidArgs));
            Assert.That(f.Vmalloc.L1Entry(0xC00), Is.Zero);
            Assert.That(f.Allocator.FreePageCount, Is.EqualTo(free));
        }

        [Test]
        public void L2_page_exhaustion_panics_failed_to_allocate_pagetable()
        {
            var f = new MmuFixture();
            var user = f.Context.CreateUserMmu();
            while (f.Allocator.LOS_PhysPageAlloc() != null)
            {
            }
            var ex = Assert.Throws<KernelPanicException>(() => user.LOS_ArchMmuMap(0x01000000, 0x40000000, 1, UserRw));
            Assert.That(ex.Message, Does.Contain("failed to allocate pagetable"));
            Assert.That(f.Log.Errors, Is.EqualTo(new[] { "have no memory to save l2 page" }));
        }

        [Test]
        public void Kernel_and_vmalloc_share_the_kernel_table()
        {
            var f = new MmuFixture();
            Assert.That(f.Kernel.PhysTtb, Is.EqualTo(0x40004000u));
            Assert.That(f.Vmalloc.PhysTtb, Is.EqualTo(f.Kernel.PhysTtb));
            f.Vmalloc.LOS_ArchMmuMap(0xC0001000, 0x40200000, 1, RegionFlags.PermRead);
            Assert.That(f.Kernel.L1Entry(0xC00), Is.EqualTo(f.Vmalloc.L1Entry(0xC00)));
            Assert.That(f.Vmalloc.PtList.Count, Is.EqualTo(1));
            Assert.That(f.Kernel.PtList.Count, Is.Zero);
            Assert.That(f.Walk(null, 0xC0001000, AccessKind.Read, true).PhysicalAddress, Is.EqualTo(0x40200000u));
        }
    }
}
