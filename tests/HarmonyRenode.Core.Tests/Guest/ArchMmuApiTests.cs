using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Vm;
using HarmonyRenode.Core.Tests.Facade;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Guest
{
    /// <summary>
    /// LOS_ArchMmuMap/Unmap/Query/ChangeProt/Move as a driver calls them on `&amp;space->archMmu` (los_arch_mmu.c):
    /// descriptor words in guest RAM, the kernel's return values, and what the model refuses.
    /// </summary>
    public class ArchMmuApiTests
    {
        private const uint Rw = (uint)(RegionFlags.PermRead | RegionFlags.PermWrite);
        private const uint DeviceRw = (uint)RegionFlags.UncachedDevice | Rw;
        private const uint Window = 0x44000000; // the first VA of the kernel space past the 64 MiB managed window's region
        private const uint Pl011 = 0x09000000;

        /// <summary>A kernel-space region of 1 MiB with the boot section under it unmapped, as test_driver.c starts.</summary>
        private static (ManagerFixture F, uint Mmu) KernelWindow()
        {
            var f = new ManagerFixture();
            var k = f.Api.LOS_GetKVmSpace();
            var region = f.Api.RegionAt(f.Api.LOS_RegionAlloc(k, 0, 0x100000, Rw, 0));
            Assert.That(region.Base, Is.EqualTo(Window), "OsAllocRange: the first gap after the kmalloc region [bss end, 0x44000000)");
            var mmu = k + 0x70;
            Assert.That(f.Api.LOS_ArchMmuUnmap(mmu, Window, 256), Is.EqualTo(256));
            return (f, mmu);
        }

        private static uint L1Word(ManagerFixture f, uint va) =>
            f.Memory.ReadUInt32(f.Manager.Vm.Spaces.KernelSpace.ArchMmu.PhysTtb + (va >> 20) * 4);

        private static uint L2Word(ManagerFixture f, uint va) => f.Memory.ReadUInt32((L1Word(f, va) & ~0x3FFu) + ((va >> 12) & 0xFF) * 4);

        [Test]
        public void A_device_page_mapped_in_a_kernel_region_gets_an_L2_table_and_the_device_descriptor()
        {
            var (f, mmu) = KernelWindow();
            var m = f.Api;
            f.Tlb.Verify(t => t.InvalidatePage(Window, 0)); // OsUnmapSection: TLBIMVA of the section

            Assert.That(m.LOS_ArchMmuMap(mmu, Window, Pl011, 1, DeviceRw), Is.EqualTo(1));

            // L1: a page-table entry in domain 1 (0x20 | type 1); L2: shared device 0x4 | privileged RW 0x10 | small page XN 3.
            Assert.That(L1Word(f, Window) & 0x3FF, Is.EqualTo(0x21u));
            Assert.That(L2Word(f, Window), Is.EqualTo(Pl011 | 0x17));
            Assert.That(m.LOS_ArchMmuQuery(mmu, Window + 0x18, out var pa, out var flags), Is.Zero);
            Assert.That(pa, Is.EqualTo(Pl011 + 0x18));
            Assert.That(flags, Is.EqualTo(DeviceRw));
            Assert.That(m.Model.CheckInvariants(), Is.Empty);
        }

        [Test]
        public void Query_answers_a_section_with_its_flags_and_not_found_without_outputs()
        {
            var f = new ManagerFixture();
            var mmu = f.Api.LOS_GetKVmSpace() + 0x70;

            Assert.That(f.Api.LOS_ArchMmuQuery(mmu, Window + 0x1234, out var pa, out var flags), Is.Zero);
            Assert.That(pa, Is.EqualTo(Window + 0x1234u));
            Assert.That(flags, Is.EqualTo(Rw | (uint)RegionFlags.PermExecute), "the boot section 0x142E: cached, privileged RW, executable");
            Assert.That(f.Api.LOS_ArchMmuQuery(mmu, VmZone.VmallocStart, out pa, out flags), Is.EqualTo((int)VmStatus.NotFound));
            Assert.That(pa, Is.Null);
            Assert.That(flags, Is.Null);
        }

        [Test]
        public void Query_of_an_L1_entry_of_type_3_is_LOS_OK_with_the_outputs_untouched()
        {
            var f = new ManagerFixture();
            var user = f.EnterUserSpace();
            f.Api.SpaceAt(user).ArchMmu.WriteRawL1(0x20, 3);

            Assert.That(f.Api.LOS_ArchMmuQuery(user + 0x70, 0x02000000, out var pa, out var flags), Is.Zero);
            Assert.That(pa, Is.Null);
            Assert.That(flags, Is.Null);
        }

        [Test]
        public void Move_carries_the_entries_and_ChangeProt_rewrites_them_in_place()
        {
            var (f, mmu) = KernelWindow();
            var m = f.Api;
            var a = m.Model.Phys.LOS_PhysPageAlloc().PhysAddr;
            var b = m.Model.Phys.LOS_PhysPageAlloc().PhysAddr;
            Assert.That(m.LOS_ArchMmuMap(mmu, Window + 0x1000, a, 1, Rw), Is.EqualTo(1));
            Assert.That(m.LOS_ArchMmuMap(mmu, Window + 0x2000, b, 1, Rw), Is.EqualTo(1));

            Assert.That(m.LOS_ArchMmuMove(mmu, Window + 0x1000, Window + 0x10000, 3, Rw), Is.EqualTo(LosReturn.Ok));

            Assert.That(L2Word(f, Window + 0x1000), Is.Zero);
            Assert.That(L2Word(f, Window + 0x2000), Is.Zero);
            // cached normal 0x4C | privileged RW 0x10 | XN small page 3; the third page was unmapped and stays so.
            Assert.That(L2Word(f, Window + 0x10000), Is.EqualTo(a | 0x5F));
            Assert.That(L2Word(f, Window + 0x11000), Is.EqualTo(b | 0x5F));
            Assert.That(L2Word(f, Window + 0x12000), Is.Zero);
            f.Tlb.Verify(t => t.InvalidatePage(Window + 0x1000, 0));

            Assert.That(m.LOS_ArchMmuChangeProt(mmu, Window + 0x10000, 2, (uint)RegionFlags.PermRead), Is.EqualTo(LosReturn.Ok));

            // privileged RO is AP 0x210
            Assert.That(L2Word(f, Window + 0x10000), Is.EqualTo(a | 0x25F));
            Assert.That(m.LOS_ArchMmuQuery(mmu, Window + 0x11000, out _, out var flags), Is.Zero);
            Assert.That(flags, Is.EqualTo((uint)RegionFlags.PermRead));
            Assert.That(m.LOS_ArchMmuUnmap(mmu, Window + 0x10000, 2), Is.EqualTo(2));
            Assert.That(L1Word(f, Window), Is.Zero, "the last entry gone: the L1 entry is cleared and its L2 page freed");
        }

        [Test]
        public void Unmap_counts_an_unmapped_MiB_as_unmapped()
        {
            var f = new ManagerFixture();
            var vmalloc = f.Api.LOS_GetVmallocSpace() + 0x70;

            Assert.That(f.Api.LOS_ArchMmuUnmap(vmalloc, VmZone.VmallocStart + 0xFF000, 3), Is.EqualTo(3));
            Assert.That(f.Api.LOS_ArchMmuUnmap(vmalloc, VmZone.VmallocStart, 0), Is.Zero);
        }

        [Test]
        public void A_page_mapping_inside_a_section_is_the_kernels_panic()
        {
            var f = new ManagerFixture();
            var mmu = f.Api.LOS_GetKVmSpace() + 0x70;

            var panic = Assert.Throws<KernelPanicException>(() => f.Api.LOS_ArchMmuMap(mmu, Window, Pl011, 1, DeviceRw));
            Assert.That(panic.Message, Does.StartWith("LOS_ArchMmuMap, unimplemented tt_entry"));
            Assert.Throws<KernelPanicException>(() => f.Api.LOS_ArchMmuUnmap(mmu, Window, 1));
        }

        [Test]
        public void Unaligned_addresses_are_LOS_ERRNO_VM_INVALID_ARGS_as_OsMapParamCheck_says_silently()
        {
            var (f, mmu) = KernelWindow();

            Assert.That(f.Api.LOS_ArchMmuMap(mmu, Window + 4, Pl011, 1, DeviceRw), Is.EqualTo((int)VmStatus.InvalidArgs));
            Assert.That(f.Api.LOS_ArchMmuMap(mmu, Window, Pl011 + 4, 1, DeviceRw), Is.EqualTo((int)VmStatus.InvalidArgs));
            Assert.That(f.Log.Errors, Is.Empty);
            Assert.That(L1Word(f, Window), Is.Zero);
        }

        [Test]
        public void ChangeProt_and_Move_refuse_a_NULL_archMmu_a_zero_address_or_count_with_the_kernels_line()
        {
            var f = new ManagerFixture();
            var mmu = f.Api.LOS_GetKVmSpace() + 0x70;

            Assert.That(f.Api.LOS_ArchMmuChangeProt(0, Window, 1, Rw), Is.EqualTo(LosReturn.Nok));
            Assert.That(f.Api.LOS_ArchMmuChangeProt(mmu, Window, 0, Rw), Is.EqualTo(LosReturn.Nok));
            Assert.That(f.Api.LOS_ArchMmuMove(mmu, Window, 0, 1, Rw), Is.EqualTo(LosReturn.Nok));

            Assert.That(f.Log.Errors, Is.EqualTo(new[]
            {
                "[ERR]LOS_ArchMmuChangeProt invalid args: archMmu 0x0, vaddr 0x44000000, count 1",
                $"[ERR]LOS_ArchMmuChangeProt invalid args: archMmu 0x{mmu:x}, vaddr 0x44000000, count 0",
                $"[ERR]LOS_ArchMmuMove invalid args: archMmu 0x{mmu:x}, oldVaddr 0x44000000, newVddr 0x0, count 1",
            }));
        }

        [Test]
        public void What_is_not_an_archMmu_or_leaves_a_user_table_is_refused_with_one_line_and_no_change()
        {
            var f = new ManagerFixture();
            var user = f.EnterUserSpace();
            var before = f.Snapshot();

            Assert.That(f.Api.LOS_ArchMmuMap(0x40001000, 0x02000000, 0x40200000, 1, Rw), Is.EqualTo((int)VmStatus.InvalidArgs));
            Assert.That(f.Api.LOS_ArchMmuMove(0x40001000, 0x02000000, 0x02001000, 1, Rw), Is.EqualTo(LosReturn.Nok));
            // a user table translates 1 GiB: the kernel would write past its 4 KiB
            Assert.That(f.Api.LOS_ArchMmuMap(user + 0x70, 0x3FFFF000, 0x40200000, 2, Rw), Is.EqualTo((int)VmStatus.InvalidArgs));
            Assert.That(f.Api.LOS_ArchMmuUnmap(user + 0x70, 0x40000000, 1), Is.EqualTo((int)VmStatus.InvalidArgs));
            Assert.That(f.Api.LOS_ArchMmuChangeProt(user + 0x70, 0x02000000, 0xFFFFFFFF, Rw), Is.EqualTo(LosReturn.Nok));

            Assert.That(f.Log.Errors, Has.Count.EqualTo(5));
            Assert.That(f.Log.Errors[0], Is.EqualTo("[ERR]LOS_ArchMmuMap 0x40001000 is not &space->archMmu of a LosVmSpace"));
            Assert.That(f.Log.Errors[2], Does.StartWith("[ERR]LOS_ArchMmuMap vaddr 0x3ffff000 count 2 leaves the 1024-entry L1 table"));
            Assert.That(f.Snapshot(), Is.EqualTo(before));
        }
    }
}
