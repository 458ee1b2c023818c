using HarmonyRenode.Core.Guest;
using System.Linq;
using HarmonyRenode.Core.Invariants;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Facade
{
    /// <summary>
    /// LOS_PhysPagesAlloc / LOS_PhysPagesFree (los_vm_phys.c) on a LOS_DL_LIST in guest RAM: {pstPrev, pstNext},
    /// linked through the descriptors' `node` (their first field), as LOS_ListTailInsert and LOS_ListDelete do.
    /// </summary>
    public class PhysPagesListTests
    {
        private static (ManagerFixture F, uint List) WithList()
        {
            var f = new ManagerFixture();
            var list = f.Api.LOS_MemAlloc(f.Manager.SystemPool, 8);
            Write(f, list, list); // LOS_ListInit
            Write(f, list + 4, list);
            return (f, list);
        }

        private static uint Read(ManagerFixture f, uint va) => f.Memory.ReadUInt32(f.Config.KernelVaToPa(va));

        private static void Write(ManagerFixture f, uint va, uint value) => f.Memory.WriteUInt32(f.Config.KernelVaToPa(va), value);

        private static uint Prev(ManagerFixture f, uint node) => Read(f, node);

        private static uint Next(ManagerFixture f, uint node) => Read(f, node + 4);

        [Test]
        public void Pages_are_tail_inserted_through_their_descriptors_node()
        {
            var (f, list) = WithList();
            var m = f.Api;

            Assert.That(m.LOS_PhysPagesAlloc(3, list), Is.EqualTo(3u));

            var a = Next(f, list);
            var b = Next(f, a);
            var c = Next(f, b);
            Assert.That(new[] { a, b, c }.Select(p => m.PageOf(p)), Has.None.Null, "every node is a descriptor of g_vmPageArray");
            Assert.That(Next(f, c), Is.EqualTo(list));
            Assert.That(new[] { Prev(f, list), Prev(f, c), Prev(f, b), Prev(f, a) }, Is.EqualTo(new[] { c, b, a, list }));
            Assert.That(Read(f, a + 8), Is.EqualTo(m.PageOf(a).PhysAddr), "physAddr after node");
            Assert.That(Read(f, a + 20) >> 16, Is.EqualTo(1u), "nPages of OsVmPhysPagesGet(ONE_PAGE)");
            Assert.That(m.Model.CheckInvariants(), Is.Empty);
        }

        [Test]
        public void A_second_call_appends_and_LOS_VmPageGet_leaves_the_links_alone()
        {
            var (f, list) = WithList();
            var m = f.Api;
            m.LOS_PhysPagesAlloc(1, list);
            var first = Next(f, list);

            Assert.That(m.LOS_PhysPagesAlloc(2, list), Is.EqualTo(2u));
            Assert.That(m.LOS_VmPageGet(m.PageOf(first).PhysAddr), Is.EqualTo(first));

            Assert.That(Next(f, list), Is.EqualTo(first));
            Assert.That(Prev(f, first), Is.EqualTo(list));
            Assert.That(m.Model.GuestListPages(list), Has.Count.EqualTo(3));
        }

        [Test]
        public void Free_unlinks_every_node_to_NULL_releases_the_pages_and_counts_the_nodes()
        {
            var (f, list) = WithList();
            var m = f.Api;
            var freeBefore = m.Model.Phys.FreePageCount;
            m.LOS_PhysPagesAlloc(3, list);
            var shared = m.PageOf(Next(f, list));
            shared.RefCounts = 2; // a reference held elsewhere: the page survives the list's free

            Assert.That(m.LOS_PhysPagesFree(list), Is.EqualTo(3u));

            Assert.That(Next(f, list), Is.EqualTo(list));
            Assert.That(Prev(f, list), Is.EqualTo(list));
            var node = m.AddressOf(shared);
            Assert.That(new[] { Prev(f, node), Next(f, node) }, Is.EqualTo(new[] { 0u, 0u }), "LOS_ListDelete NULLs the node");
            Assert.That(Read(f, node + 12), Is.EqualTo(1u), "refCounts - 1, written back");
            Assert.That(m.Model.Phys.FreePageCount, Is.EqualTo(freeBefore - 1));
        }

        [Test]
        public void No_list_or_no_pages_is_0_and_exhaustion_stops_at_what_was_got()
        {
            var (f, list) = WithList();
            var m = f.Api;

            Assert.That(m.LOS_PhysPagesAlloc(0, list), Is.Zero);
            Assert.That(m.LOS_PhysPagesAlloc(1, 0), Is.Zero);
            Assert.That(m.LOS_PhysPagesFree(0), Is.Zero);
            var free = (uint)m.Model.Phys.FreePageCount;
            Assert.That(m.LOS_PhysPagesAlloc(free + 5, list), Is.EqualTo(free));
            Assert.That(m.Model.Phys.FreePageCount, Is.Zero);
            Assert.That(m.LOS_PhysPagesFree(list), Is.EqualTo(free));
            Assert.That(f.Log.Errors, Is.Empty);
            Assert.That(m.Model.CheckInvariants(), Is.Empty);
        }

        [Test]
        public void A_list_outside_the_kernels_RAM_or_a_node_that_is_not_a_page_is_refused_with_one_line()
        {
            var (f, list) = WithList();
            var m = f.Api;
            var freeBefore = m.Model.Phys.FreePageCount;

            Assert.That(m.LOS_PhysPagesAlloc(1, 0xD1000000), Is.Zero);
            var block = m.LOS_MemAlloc(m.SystemPool, 8); // a node that is no descriptor
            Write(f, list + 4, block);
            Write(f, block, list);
            Write(f, block + 4, list);
            Write(f, list, block);

            Assert.That(m.LOS_PhysPagesFree(list), Is.Zero);

            Assert.That(f.Log.Errors, Is.EqualTo(new[]
            {
                "[ERR]LOS_PhysPagesAlloc list 0xd1000000 is not a LOS_DL_LIST in the kernel's RAM",
                $"[ERR]LOS_PhysPagesFree node 0x{block:x8} of list 0x{list:x8} is not a LosVmPage of g_vmPageArray",
            }));
            Assert.That(m.Model.Phys.FreePageCount, Is.EqualTo(freeBefore));
            Assert.That(m.Model.CheckInvariants(), Is.Empty);
        }
    }
}
