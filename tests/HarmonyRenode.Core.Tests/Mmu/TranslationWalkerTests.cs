using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Mmu.Walk;
using HarmonyRenode.Core.Ports;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Mmu
{
    /// <summary>The walker on hand-written descriptors (ARM ARM B3.5), independent of the table writer.</summary>
    public class TranslationWalkerTests
    {
        private const uint Ttbr1Table = 0x40004000; // 16 KiB
        private const uint Ttbr0Table = 0x40010000; // 4 KiB with N = 2
        private const uint L2Table = 0x40011400;

        private InMemoryGuestMemory memory;
        private TranslationWalker walker;

        [SetUp]
        public void SetUp()
        {
            memory = new InMemoryGuestMemory(0x40000000, 0x100000);
            walker = new TranslationWalker(memory);
        }

        private MmuRegisters Regs(uint dacr = 0x7, uint ttbcr = 2) => new MmuRegisters(Ttbr0Table | 0x48, Ttbr1Table | 0x48, ttbcr, dacr, 0);

        [Test]
        public void N_2_sends_va_below_1GiB_to_ttbr0_and_the_rest_to_ttbr1()
        {
            memory.WriteUInt32(Ttbr0Table + 0x3FF * 4, 0x12300C22); // section, domain 1, P_RW_U_RW
            memory.WriteUInt32(Ttbr1Table + 0x400 * 4, 0x45600C22);
            var low = walker.Walk(Regs(), 0x3FF12345, AccessKind.Read, false);
            var high = walker.Walk(Regs(), 0x40012345, AccessKind.Read, false);
            Assert.That((low.PhysicalAddress, low.ViaTtbr1), Is.EqualTo((0x12312345u, false)));
            Assert.That((high.PhysicalAddress, high.ViaTtbr1), Is.EqualTo((0x45612345u, true)));
        }

        [Test]
        public void Pd0_faults_ttbr0_walks_as_first_level_translation_fault()
        {
            memory.WriteUInt32(Ttbr0Table + 0x010 * 4, 0x12300C22);
            var r = walker.Walk(Regs(ttbcr: 0x12), 0x01000000, AccessKind.Write, false);
            Assert.That(r.Fault, Is.EqualTo(FaultStatus.TranslationFaultSection));
            Assert.That(r.Fsr, Is.EqualTo(0x805u), "WnR | FS 0b00101");
        }

        [Test]
        public void Second_level_translation_fault_reports_0x07_with_domain()
        {
            memory.WriteUInt32(Ttbr0Table + 0x010 * 4, L2Table | 0x21);
            var r = walker.Walk(Regs(), 0x01003000, AccessKind.Read, false);
            Assert.That(r.Fault, Is.EqualTo(FaultStatus.TranslationFaultPage));
            Assert.That(r.Fsr, Is.EqualTo(0x17u));
            Assert.That(r.Level, Is.EqualTo(2));
        }

        [Test]
        public void Small_page_permission_fault_on_user_write_to_read_only()
        {
            memory.WriteUInt32(Ttbr0Table + 0x010 * 4, L2Table | 0x21);
            memory.WriteUInt32(L2Table + 3 * 4, 0x40500000 | 0x230 | 0x4C | 0x2 | 0x800);
            var read = walker.Walk(Regs(), 0x01003ABC, AccessKind.Read, false);
            Assert.That(read.PhysicalAddress, Is.EqualTo(0x40500ABCu));
            Assert.That(read.NonGlobal, Is.True);
            Assert.That(read.Memory.Kind, Is.EqualTo(MemoryKind.Normal));
            var write = walker.Walk(Regs(), 0x01003ABC, AccessKind.Write, false);
            Assert.That(write.Fault, Is.EqualTo(FaultStatus.PermissionFaultPage));
            Assert.That(write.Fsr, Is.EqualTo(0x81Fu));
            var fetch = walker.Walk(Regs(), 0x01003ABC, AccessKind.Fetch, false);
            Assert.That(fetch.IsFault, Is.False, "small page type 2 is executable");
        }

        [Test]
        public void Xn_small_page_faults_instruction_fetch_with_ifsr_without_domain()
        {
            memory.WriteUInt32(Ttbr0Table + 0x010 * 4, L2Table | 0x21);
            memory.WriteUInt32(L2Table, 0x40500000 | 0x30 | 0x3);
            var r = walker.Walk(Regs(), 0x01000000, AccessKind.Fetch, false);
            Assert.That(r.Fault, Is.EqualTo(FaultStatus.PermissionFaultPage));
            Assert.That(r.Fsr, Is.EqualTo(0x0Fu));
        }

        [Test]
        public void Domain_no_access_gives_domain_fault_and_manager_skips_permissions()
        {
            memory.WriteUInt32(Ttbr1Table + 0x400 * 4, 0x40008412 | 0x20); // P_RO_U_NA, XN, domain 1
            var noAccess = walker.Walk(Regs(dacr: 0x3), 0x40000000, AccessKind.Read, true);
            Assert.That(noAccess.Fault, Is.EqualTo(FaultStatus.DomainFaultSection));
            Assert.That(noAccess.Fsr, Is.EqualTo(0x19u));
            var manager = walker.Walk(Regs(dacr: 0xC), 0x40000000, AccessKind.Write, false);
            Assert.That(manager.IsFault, Is.False);
        }

        [Test]
        public void Ap_0b100_is_no_access_and_0b110_is_read_only_for_all()
        {
            Assert.That(new AccessPermissions(4).PrivilegedRead, Is.False);
            var ap6 = new AccessPermissions(6);
            Assert.That((ap6.PrivilegedRead, ap6.PrivilegedWrite, ap6.UserRead, ap6.UserWrite), Is.EqualTo((true, false, true, false)));
        }

        [Test]
        public void Supersection_and_large_page_translate()
        {
            for (uint i = 0; i < 16; i++)
            {
                memory.WriteUInt32(Ttbr1Table + (0x500 + i) * 4, 0x50000000 | (1u << 18) | 0xC02); // repeated 16 times
            }
            Assert.That(walker.Walk(Regs(), 0x50ABCDEF, AccessKind.Read, false).PhysicalAddress, Is.EqualTo(0x50ABCDEFu));
            memory.WriteUInt32(Ttbr0Table + 0x010 * 4, L2Table | 0x21);
            for (uint i = 0; i < 16; i++)
            {
                memory.WriteUInt32(L2Table + i * 4, 0x40610000 | 0x30 | 0x1);
            }
            var large = walker.Walk(Regs(), 0x0100FABC, AccessKind.Write, false);
            Assert.That((large.Granule, large.PhysicalAddress), Is.EqualTo((TranslationGranule.LargePage, 0x4061FABCu)));
        }

        [TestCase(0u, false, false, MemoryKind.StronglyOrdered)]
        [TestCase(0u, false, true, MemoryKind.Device)]
        [TestCase(2u, false, false, MemoryKind.Device)]
        [TestCase(1u, false, false, MemoryKind.Normal)]
        [TestCase(1u, true, true, MemoryKind.Normal)]
        [TestCase(5u, false, true, MemoryKind.Normal)]
        public void Tex_c_b_decode(uint tex, bool c, bool b, MemoryKind kind)
        {
            Assert.That(MemoryAttributes.Decode(tex, c, b, false).Kind, Is.EqualTo(kind));
        }
    }
}
