using HarmonyRenode.Core.Session;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Ports;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Guest
{
    /// <summary>
    /// g_hrConfig as a session writes it holds LiteOS-A's own register values, and the same ones the model's table
    /// walker (invariant checker) assumes: nothing else ties the guest's CP15 to the model.
    /// </summary>
    public class HrConfigBlockTests
    {
        // kernel_liteos_a arch/arm/arm/src/startup/reset_vector_up.S, mmu_setup: `mov r12, #0x7` into DACR; SCTLR
        // `bic #(1 << 29 | 1 << 28)`, `orr #(1 << 0)`, `bic #(1 << 1)`, `orr #(1 << 2)`, `orr #(1 << 12)`.
        // OsArchMmuInitPerCPU: TTBCR = N (2) | PD0 (bit 4) before a user space exists.
        private const uint KernelDacr = 0x7;
        private const uint KernelSctlrSet = 0x00001005;
        private const uint KernelSctlrClear = 0x30000002;
        private const uint KernelTtbcr = 0x12;

        [Test]
        public void The_block_a_session_writes_holds_the_kernels_DACR_TTBCR_and_SCTLR_bits()
        {
            var (memory, block) = BootAndReadBlock();

            Assert.That(memory.ReadUInt32(block + 0x00), Is.EqualTo(HrConfigBlock.Magic));
            Assert.That(memory.ReadUInt32(block + 0x14), Is.EqualTo(KernelDacr), "dacr");
            Assert.That(memory.ReadUInt32(block + 0x10), Is.EqualTo(KernelTtbcr), "ttbcr");
            Assert.That(memory.ReadUInt32(block + 0x1C), Is.EqualTo(KernelSctlrSet), "sctlrSet");
            Assert.That(memory.ReadUInt32(block + 0x20), Is.EqualTo(KernelSctlrClear), "sctlrClear");
        }

        [Test]
        public void The_block_agrees_with_the_registers_the_model_walks_its_tables_with()
        {
            var (memory, block) = BootAndReadBlock(out var manager);
            var walked = MmuRegisters.ForSpace(manager.Vm.Spaces.KernelSpace.ArchMmu, null);

            Assert.That(memory.ReadUInt32(block + 0x14), Is.EqualTo(walked.Dacr));
            Assert.That(memory.ReadUInt32(block + 0x10), Is.EqualTo(walked.Ttbcr));
            Assert.That(memory.ReadUInt32(block + 0x0C), Is.EqualTo(walked.Ttbr1));
            Assert.That(memory.ReadUInt32(block + 0x18), Is.EqualTo(walked.Contextidr));
        }

        private static (InMemoryGuestMemory Memory, uint BlockPa) BootAndReadBlock() => BootAndReadBlock(out _);

        private static (InMemoryGuestMemory Memory, uint BlockPa) BootAndReadBlock(out MemoryModel manager)
        {
            var elf = MinimalFirmware.Symbols();
            var memory = new InMemoryGuestMemory(0x40000000, 64 << 20);
            MemoryModel booted = null;
            var session = new LiteOsGuestSession(64u << 20, (s, config, m, tlb, log) => (booted = new MemoryModel(config, m, tlb, log), null));
            session.Boot(elf, memory, new Mock<ITlbMaintenance>().Object, new RecordingLog());
            manager = booted;
            return (memory, MinimalFirmware.ConfigBlock);
        }
    }
}
