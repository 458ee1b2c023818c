using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// g_hrConfig (firmware/include/hr_config.h): the register values start-up code loads before it sets SCTLR.M.
    /// Written by the host into guest RAM before the first instruction; offsets are part of the guest ABI.
    /// </summary>
    public sealed class HrConfigBlock
    {
        public const uint Magic = 0x46435248; // "HRCF"
        public const uint Version = 1;
        public const int Size = 0x40;

        /// <summary>SCTLR.M, C, I as LiteOS-A's mmu_setup sets them (<see cref="Mmu.MmuRegisters.SctlrSet"/>).</summary>
        public const uint SctlrLiteOsSet = Mmu.MmuRegisters.SctlrSet;

        /// <summary>SCTLR.A, TRE, AFE: LiteOS-A uses the plain AP model without TEX remap (<see cref="Mmu.MmuRegisters.SctlrClear"/>).</summary>
        public const uint SctlrLiteOsClear = Mmu.MmuRegisters.SctlrClear;

        /// <summary>
        /// TTBR0, TTBR1, TTBCR, DACR and CONTEXTIDR as start-up code loads them: the values the model's own walker
        /// uses (<see cref="Mmu.MmuRegisters.ForSpace"/>). Default: no table, LiteOS-A's DACR.
        /// </summary>
        public Mmu.MmuRegisters Registers { get; set; } = new Mmu.MmuRegisters(0, 0, 0, Mmu.MmuRegisters.DacrValue, 0);

        public uint SctlrSet { get; set; } = SctlrLiteOsSet;

        public uint SctlrClear { get; set; } = SctlrLiteOsClear;

        /// <summary>PL011 once the MMU is on: IO_DEVICE_ADDR(0x09000000) = 0xD1000000 on arm_virt.</summary>
        public uint UartVa { get; set; } = VmZone.PeriphDeviceBase + 0x09000000 - VmZone.PeriphPmmBase;

        public uint HostFlags { get; set; }

        /// <summary>The hypercall doorbell register's VA (Renode's peripheral, device memory); 0: the host polls.</summary>
        public uint DoorbellVa { get; set; }

        public void WriteTo(IGuestMemory memory, uint physicalAddress)
        {
            // Magic last: a half-written block must not look valid.
            memory.WriteUInt32(physicalAddress + 0x04, Version);
            memory.WriteUInt32(physicalAddress + 0x08, Registers.Ttbr0);
            memory.WriteUInt32(physicalAddress + 0x0C, Registers.Ttbr1);
            memory.WriteUInt32(physicalAddress + 0x10, Registers.Ttbcr);
            memory.WriteUInt32(physicalAddress + 0x14, Registers.Dacr);
            memory.WriteUInt32(physicalAddress + 0x18, Registers.Contextidr);
            memory.WriteUInt32(physicalAddress + 0x1C, SctlrSet);
            memory.WriteUInt32(physicalAddress + 0x20, SctlrClear);
            memory.WriteUInt32(physicalAddress + 0x24, UartVa);
            memory.WriteUInt32(physicalAddress + 0x28, HostFlags);
            memory.WriteUInt32(physicalAddress + 0x2C, DoorbellVa);
            memory.Fill(physicalAddress + 0x30, Size - 0x30, 0);
            memory.WriteUInt32(physicalAddress + 0x00, Magic);
        }
    }
}
