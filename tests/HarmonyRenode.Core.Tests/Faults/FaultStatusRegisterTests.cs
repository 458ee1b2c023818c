using HarmonyRenode.Core.Faults;
using HarmonyRenode.Core.Mmu;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Faults
{
    public class FaultStatusRegisterTests
    {
        [TestCase(0x005u, FaultStatus.TranslationFaultSection, true)]
        [TestCase(0x007u, FaultStatus.TranslationFaultPage, true)]
        [TestCase(0x00Du, FaultStatus.PermissionFaultSection, true)]
        [TestCase(0x80Fu, FaultStatus.PermissionFaultPage, true)]
        [TestCase(0x0F7u, FaultStatus.TranslationFaultPage, true)]
        [TestCase(0x001u, FaultStatus.AlignmentFault, false)]
        [TestCase(0x003u, FaultStatus.AccessFlagFaultSection, false)]
        [TestCase(0x006u, FaultStatus.AccessFlagFaultPage, false)]
        [TestCase(0x019u, FaultStatus.DomainFaultSection, false)]
        [TestCase(0x00Bu, FaultStatus.DomainFaultPage, false)]
        [TestCase(0x008u, FaultStatus.SynchronousExternalAbort, false)]
        [TestCase(0x406u, FaultStatus.AsynchronousExternalAbort, false)]
        [TestCase(0x408u, FaultStatus.AsynchronousParityError, false)]
        [TestCase(0x002u, FaultStatus.DebugEvent, false)]
        [TestCase(0x105u, FaultStatus.TranslationFaultSection, true)]
        public void Fs_is_bit10_and_bits3to0_and_only_translation_and_permission_reach_the_handler(uint fsr, FaultStatus status, bool handled)
        {
            var r = new FaultStatusRegister(fsr);
            Assert.That(r.Status, Is.EqualTo(status));
            Assert.That(r.ReachesPageFaultHandler, Is.EqualTo(handled));
        }

        [Test]
        public void WnR_is_bit_11_and_domain_bits_7_to_4()
        {
            var r = new FaultStatusRegister(0x81F);
            Assert.That((r.WnR, r.Domain), Is.EqualTo((true, 1u)));
            Assert.That(new FaultStatusRegister(0x1F).WnR, Is.False);
        }

        [TestCase(FaultKind.Data, 0x817u, "Abort caused by a write instruction. Translation fault, page")]
        [TestCase(FaultKind.Data, 0x005u, "Abort caused by a read instruction. Translation fault, section")]
        [TestCase(FaultKind.Data, 0x009u, "Abort caused by a read instruction. Domain fault, section")]
        [TestCase(FaultKind.Data, 0x80Fu, "Abort caused by a write instruction. Permission fault, page")]
        [TestCase(FaultKind.Data, 0x001u, "Abort caused by a read instruction. Alignment fault.")]
        [TestCase(FaultKind.Prefetch, 0x001u, "Unknown fault! FS:0x1. Check IFSR and DFSR in ARM Architecture Reference Manual.")]
        [TestCase(FaultKind.Prefetch, 0x00Du, "Permission fault, section")]
        [TestCase(FaultKind.Data, 0x406u, "Abort caused by a read instruction. Unknown fault! FS:0x16. Check IFSR and DFSR in ARM Architecture Reference Manual.")]
        public void OsDecodeFS_text(FaultKind kind, uint fsr, string text)
        {
            Assert.That(new FaultStatusRegister(fsr).Describe(kind), Is.EqualTo(text));
        }

        [Test]
        public void Header_lines()
        {
            Assert.That(new FaultStatusRegister(0x817).Header(FaultKind.Data, 0x225AF000), Is.EqualTo("data_abort fsr:0x817, far:0x225af000"));
            Assert.That(new FaultStatusRegister(0x7).Header(FaultKind.Prefetch, 0x10), Is.EqualTo("prefetch_abort fault fsr:0x7, far:0x00000010"));
        }
    }
}
