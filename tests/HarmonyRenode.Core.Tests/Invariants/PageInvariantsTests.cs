using System.Collections.Generic;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Tests.Pages;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Invariants
{
    public class PageInvariantsTests
    {
        [Test]
        public void A_freshly_booted_and_churned_allocator_has_no_violations()
        {
            var f = new PhysFixture();
            var held = new List<uint>();
            for (var i = 1; i < 40; i++)
            {
                held.Add(f.Phys.LOS_PhysPagesAllocContiguous(i * 7 % 300 + 1));
            }
            for (var i = 0; i < held.Count; i += 2)
            {
                var head = f.Phys.LOS_VmPageGet(f.Config.KernelVaToPa(held[i]));
                f.Phys.LOS_PhysPagesFreeContiguous(head, head.NPages);
            }

            var violations = new List<InvariantViolation>();
            PageInvariants.Check(f.Phys, violations);

            Assert.That(violations, Is.Empty);
        }

        [Test]
        public void An_allocated_page_linked_into_a_free_list_is_reported()
        {
            var f = new PhysFixture();
            var page = f.Phys.LOS_PhysPageAlloc();
            f.Phys.Segments[0].FreeList[0].AddTail(page);

            var violations = new List<InvariantViolation>();
            PageInvariants.Check(f.Phys, violations);

            Assert.That(violations, Has.Some.Property(nameof(InvariantViolation.Rule)).EqualTo("free list order"));
        }

        [Test]
        public void A_referenced_page_inside_a_free_block_is_reported()
        {
            var f = new PhysFixture();
            f.Phys.LOS_VmPageGet(0x40300000 + 5 * 4096).RefCounts = 1;

            var violations = new List<InvariantViolation>();
            PageInvariants.Check(f.Phys, violations);

            Assert.That(violations, Has.Count.EqualTo(1).And.Some.Property(nameof(InvariantViolation.Rule)).EqualTo("refcount"));
        }

        [Test]
        public void A_free_block_unlinked_behind_the_allocator_is_reported_by_the_free_page_index()
        {
            var f = new PhysFixture();
            var head = f.Phys.Segments[0].FreeList[8].First;
            f.Phys.Segments[0].FreeList[8].Remove(head);

            var violations = new List<InvariantViolation>();
            PageInvariants.Check(f.Phys, violations);

            // The 256 pages still count as free for the double-free check: each is reported once.
            Assert.That(violations, Has.Count.EqualTo(256).And.All.Property(nameof(InvariantViolation.Rule)).EqualTo("free page index"));
        }
    }
}
