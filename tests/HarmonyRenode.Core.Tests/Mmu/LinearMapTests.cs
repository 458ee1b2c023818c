using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Mmu.Walk;
using HarmonyRenode.Core.Tests.Facade;
using HarmonyRenode.Core.Vm;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Mmu
{
    /// <summary>
    /// Pages of the kernel's linear map taken out and put back (--sanitize): the boot section is split into an L2 table
    /// with the same translation, the page is invalid in the guest's own tables (checked with the independent walker),
    /// and the last page put back makes the section whole again and frees the table page.
    /// </summary>
    public class LinearMapTests
    {
        private ManagerFixture f;
        private ArchMmu kernel;
        private TranslationWalker walker;

        [SetUp]
        public void SetUp()
        {
            f = new ManagerFixture();
            kernel = f.Manager.Vm.Spaces.KernelSpace.ArchMmu;
            walker = new TranslationWalker(f.Memory);
        }

        private TranslationResult Walk(uint va, AccessKind access = AccessKind.Write)
        {
            var r = f.Manager.Mmu.RegistersFor(null);
            return walker.Walk(r, va, access, privileged: true);
        }

        /// <summary>A block of the allocator in a MiB the boot tables map with a section.</summary>
        private uint PageInASection()
        {
            var p = f.Manager.LOS_PhysPagesAllocContiguous(4);
            Assert.That(new Pte1(kernel.L1Entry(p >> 20)).IsSection, "the heap and page area is mapped by sections at boot");
            return p + 0x1000;
        }

        [Test]
        public void A_page_taken_out_faults_and_every_other_page_of_its_MiB_translates_as_the_section_did()
        {
            // The last MiB: no sibling of its group of four L1 entries has an L2 page to share.
            var va = f.Config.PaToKernelVa(f.Config.ManagedEnd) - 0x100000 + 0x3000;
            var section = kernel.L1Entry(va >> 20);
            var before = Enumerable.Range(0, 256).Select(i => Walk((va & ~0xFFFFFu) + (uint)i * 0x1000)).ToList();
            var tablePages = kernel.PtList.Count;

            Assert.That(kernel.InvalidateLinearPage(va), Is.True);

            Assert.That(Walk(va).IsFault, Is.True, "the guest's tables: no translation");
            Assert.That(Walk(va).Fault, Is.EqualTo(FaultStatus.TranslationFaultPage));
            for (var i = 0; i < 256; i++)
            {
                var other = (va & ~0xFFFFFu) + (uint)i * 0x1000;
                if (other == va)
                {
                    continue;
                }
                var after = Walk(other);
                Assert.That((after.IsFault, after.PhysicalAddress, after.Permissions, after.ExecuteNever, after.Memory),
                    Is.EqualTo((false, before[i].PhysicalAddress, before[i].Permissions, before[i].ExecuteNever, before[i].Memory)), $"0x{other:x8}");
            }
            Assert.That(kernel.PtList.Count, Is.EqualTo(tablePages + 1), "one L2 table page from the allocator");
            Assert.That(new Pte1(kernel.L1Entry(va >> 20)).IsPageTable);
            f.Tlb.Verify(t => t.InvalidatePage(va & ~0xFFFFFu, kernel.Asid), Times.Once, "the section's TLB entry");
            f.Tlb.Verify(t => t.InvalidatePage(va, kernel.Asid), Times.Once, "the page's");

            kernel.RestoreLinearPage(va);

            Assert.That(kernel.L1Entry(va >> 20), Is.EqualTo(section), "the section is whole again");
            Assert.That(kernel.PtList.Count, Is.EqualTo(tablePages), "and its table page freed");
            Assert.That(Walk(va).PhysicalAddress, Is.EqualTo(before[(int)((va >> 12) & 0xFF)].PhysicalAddress));
            Assert.That(f.Manager.CheckInvariants().Select(v => v.ToString()), Is.Empty);
        }

        [Test]
        public void The_section_stays_split_while_one_of_its_pages_is_out()
        {
            var va = PageInASection();
            kernel.InvalidateLinearPage(va);
            kernel.InvalidateLinearPage(va + 0x1000);
            kernel.RestoreLinearPage(va);
            Assert.That(new Pte1(kernel.L1Entry(va >> 20)).IsPageTable);
            Assert.That(Walk(va).IsFault, Is.False);
            Assert.That(Walk(va + 0x1000).IsFault, Is.True);
            Assert.That(kernel.LinearMapHoles, Is.EqualTo(new[] { va + 0x1000 }));
        }

        [Test]
        public void The_invariant_checker_refuses_a_page_out_of_the_linear_map_that_the_allocator_may_hand_out()
        {
            var p = f.Manager.LOS_PhysPagesAllocContiguous(1);
            kernel.InvalidateLinearPage(p);
            Assert.That(f.Manager.CheckInvariants(), Is.Empty, "allocated and out: what --sanitize holds");
            f.Manager.Phys.LOS_PhysPagesFreeContiguous(f.Manager.Phys.LOS_VmPageGet(f.Config.KernelVaToPa(p)), 1);
            Assert.That(f.Manager.CheckInvariants().Select(v => v.Rule), Does.Contain("kernel linear map"));
        }

        [Test]
        public void The_invariant_checker_sees_a_page_of_the_linear_map_that_translates_elsewhere()
        {
            var va = PageInASection();
            kernel.InvalidateLinearPage(va);
            kernel.RestoreLinearPage(va + 0x1000); // not a hole: nothing happens
            Assert.That(f.Manager.CheckInvariants(), Is.Empty);
            // A hole the sanitizer does not know of: the page is unmapped behind its back.
            kernel.LOS_ArchMmuUnmap(va + 0x2000, 1);
            Assert.That(f.Manager.CheckInvariants().Select(v => v.ToString()), Has.Some.Contains($"0x{va + 0x2000:x8} is not mapped to itself"));
        }

        [Test]
        public void The_invariant_checker_holds_the_uncached_alias_to_the_same_rules()
        {
            var p = f.Manager.LOS_PhysPagesAllocContiguous(1);
            var alias = VmIomap.VmmToUncachedAddr(p);
            Assert.That(kernel.InvalidateLinearPage(alias), Is.True, "the alias is a boot section too");
            Assert.That(Walk(alias).IsFault, Is.True);
            Assert.That(f.Manager.CheckInvariants(), Is.Empty, "allocated and out");
            kernel.LOS_ArchMmuUnmap(alias + 0x1000, 1); // the alias's next page, unmapped behind the sanitizer's back
            Assert.That(f.Manager.CheckInvariants().Select(v => v.ToString()), Has.Some.Contains($"0x{alias + 0x1000:x8} is not mapped to itself"));
            f.Manager.Phys.LOS_PhysPagesFreeContiguous(f.Manager.Phys.LOS_VmPageGet(f.Config.KernelVaToPa(p)), 1);
            Assert.That(f.Manager.CheckInvariants().Select(v => v.ToString()), Has.Some.Contains($"hole 0x{alias:x8}:"));
        }
    }
}
