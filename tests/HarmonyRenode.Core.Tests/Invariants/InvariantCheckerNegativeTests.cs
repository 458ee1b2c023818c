using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Tests.Facade;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;
using static HarmonyRenode.Core.Tests.Facade.ManagerFixture;

namespace HarmonyRenode.Core.Tests.Invariants
{
    /// <summary>
    /// One corruption per invariant family, through the whole checker: the model is healthy first, then one thing is
    /// broken the way a bug or a guest overrun would break it, and the checker names that rule and place.
    /// </summary>
    public class InvariantCheckerNegativeTests
    {
        private static (ManagerFixture F, uint Va) UserPageMapped()
        {
            var f = new ManagerFixture();
            f.EnterUserSpace();
            var va = f.Manager.LOS_MMap(0, 0x2000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);
            Assert.That(f.Api.OsArmSharedPageFault(false, FsrTranslationPage | FsrWrite, va, UsrCpsr), Is.Zero);
            Assert.That(f.Manager.CheckInvariants(), Is.Empty, "healthy before the corruption");
            return (f, va);
        }

        /// <summary>PA of the guest's L2 word for <paramref name="va"/> in <paramref name="mmu"/>'s table.</summary>
        private static uint GuestL2Word(Core.Mmu.ArchMmu mmu, uint va) => (mmu.L1Entry(va >> 20) & ~0x3FFu) + ((va >> 12) & 0xFF) * 4;

        private static string[] Violations(ManagerFixture f) => f.Manager.CheckInvariants().Select(v => v.ToString()).ToArray();

        [Test]
        public void Pages_a_free_page_holding_a_reference_is_named()
        {
            var f = new ManagerFixture();
            var free = f.Manager.Phys.Pages.Last(p => f.Manager.Phys.IsFree(p));
            free.RefCounts = 1;

            Assert.That(Violations(f), Has.Some.StartWith("refcount: free ").And.Some.Contains($"{free}"));
        }

        [Test]
        public void Heap_a_node_header_the_guest_overwrote_is_named()
        {
            var f = new ManagerFixture();
            var ptr = f.Api.LOS_MemAlloc(f.Manager.SystemPool, 48);
            f.Memory.WriteUInt32(f.Config.KernelVaToPa(ptr) - 12 + 4, 0x0BADF00D); // the size word of its header

            Assert.That(Violations(f), Has.Some.StartWith("heap header: "));
        }

        [Test]
        public void Tables_a_user_PTE_corrupted_in_guest_RAM_is_named()
        {
            var (f, va) = UserPageMapped();
            var mmu = f.Manager.Vm.Spaces.CurrentSpace.ArchMmu;
            f.Memory.WriteUInt32(GuestL2Word(mmu, va), f.Memory.ReadUInt32(GuestL2Word(mmu, va)) ^ 0x00100000); // another PA

            Assert.That(Violations(f), Has.Some.StartWith("guest tables vs shadow: ").And.Some.Contains($"0x{va:x8}"));
        }

        [Test]
        public void Tables_a_mapping_outside_every_region_is_named()
        {
            var (f, _) = UserPageMapped();
            var page = f.Manager.Phys.LOS_PhysPageAlloc();
            page.RefCounts++;
            const uint Stray = 0x30000000; // user space, no region there
            f.Manager.Vm.Spaces.CurrentSpace.ArchMmu.LOS_ArchMmuMap(Stray, page.PhysAddr, 1,
                RegionFlags.PermRead | RegionFlags.PermUser | RegionFlags.Cached);

            Assert.That(Violations(f), Has.Some.StartWith("tables vs regions: ").And.Some.Contains("maps 0x30000000 outside every region"));
        }

        [Test]
        public void Tables_a_wrong_reference_count_of_a_mapped_page_is_named()
        {
            var (f, va) = UserPageMapped();
            var page = f.Manager.Phys.LOS_VmPageGet(f.Manager.LOS_PaddrQuery(va));
            page.RefCounts++;

            Assert.That(Violations(f), Has.Some.EqualTo($"refcount: {page} is mapped 1 times"));
        }

        [Test]
        public void Tables_a_vmalloc_PTE_corrupted_in_guest_RAM_is_named()
        {
            var f = new ManagerFixture();
            var va = f.Manager.LOS_VMalloc(0x3000);
            Assert.That(f.Manager.CheckInvariants(), Is.Empty);
            var mmu = f.Manager.Vm.Spaces.VmallocSpace.ArchMmu;
            f.Memory.WriteUInt32(GuestL2Word(mmu, va + 0x1000), 0);

            Assert.That(Violations(f), Has.Some.StartWith("guest tables vs shadow: ").And.Some.Contains($"0x{va + 0x1000:x8}"));
        }

        [Test]
        public void Kernel_space_a_corrupted_L2_word_of_the_kernel_window_is_named()
        {
            var f = new ManagerFixture();
            var kernel = f.Manager.Vm.Spaces.KernelSpace.ArchMmu;
            var va = f.Manager.Image.RodataStart; // read-only in the shadow; the guest copy is made writable
            Assert.That(f.Manager.CheckInvariants(), Is.Empty);
            f.Memory.WriteUInt32(GuestL2Word(kernel, va), f.Memory.ReadUInt32(GuestL2Word(kernel, va)) & ~(1u << 9)); // AP[2] cleared

            Assert.That(Violations(f), Has.Some.StartWith("guest tables vs shadow: ").And.Some.Contains($"0x{va:x8}: guest L2"));
        }

        [Test]
        public void Kernel_space_a_corrupted_L1_word_of_the_kernel_window_is_named()
        {
            var f = new ManagerFixture();
            var kernel = f.Manager.Vm.Spaces.KernelSpace.ArchMmu;
            const uint Va = 0x40200000;
            Assert.That(f.Manager.CheckInvariants(), Is.Empty);
            f.Memory.WriteUInt32(kernel.PhysTtb + (Va >> 20) * 4, 0);

            Assert.That(Violations(f), Has.Some.StartWith("guest tables vs shadow: ").And.Some.Contains("L1[1026] (0x40200000): guest 0x00000000"));
        }

        private static (ManagerFixture F, uint Va, int Shmid) SharedSegmentAttached()
        {
            var f = new ManagerFixture();
            f.EnterUserSpace();
            Assert.That(f.Manager.ShmInit(), Is.EqualTo(LosReturn.Ok));
            var id = f.Manager.ShmGet(0, 0x2000, 0x180);
            var va = f.Manager.ShmAt(id, 0, 0);
            Assert.That(f.Manager.CheckInvariants(), Is.Empty, "healthy before the corruption");
            return (f, va, id);
        }

        [Test]
        public void Shm_an_attach_count_that_misses_a_region_is_named()
        {
            var (f, _, id) = SharedSegmentAttached();
            f.Manager.Vm.Shm.Segments[id].Ds.Nattch = 2;

            Assert.That(Violations(f), Has.Some.StartWith("shm attach count: ").And.Some.Contains("attached by 1 regions"));
        }

        [Test]
        public void Shm_a_segment_page_whose_references_do_not_match_its_mappings_is_named()
        {
            var (f, va, id) = SharedSegmentAttached();
            Assert.That(f.Manager.ShmDt(va), Is.Zero);
            f.Manager.Vm.Shm.Segments[id].Pages.First.RefCounts = 1; // a detach that forgot the reference: mapped nowhere

            Assert.That(Violations(f), Has.Some.StartWith("shm refcount: ").And.Some.Contains("mapped 0 times"));
        }

        [Test]
        public void Shm_an_SHM_region_mapping_another_page_is_named()
        {
            var (f, va, _) = SharedSegmentAttached();
            var mmu = f.Manager.Vm.Spaces.CurrentSpace.ArchMmu;
            mmu.LOS_ArchMmuUnmap(va + 0x1000, 1);
            var stray = f.Manager.Phys.LOS_PhysPageAlloc();
            stray.RefCounts = 1;
            mmu.LOS_ArchMmuMap(va + 0x1000, stray.PhysAddr, 1, RegionFlags.PermUser | RegionFlags.PermRead);

            Assert.That(Violations(f), Has.Some.StartWith("shm mapping: ").And.Some.Contains($"0x{va + 0x1000:x8}"));
        }

        [Test]
        public void Shm_a_segment_page_given_back_to_the_allocator_is_named()
        {
            var (f, va, id) = SharedSegmentAttached();
            f.Manager.ShmDt(va);
            var page = f.Manager.Vm.Shm.Segments[id].Pages.First;
            f.Manager.Vm.Shm.Segments[id].Pages.Remove(page);
            f.Manager.Phys.LOS_PhysPageFree(page);

            Assert.That(Violations(f), Has.Some.StartWith("shm segment pages: ").And.Some.Contains("holds 1 pages"));
        }
    }
}
