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

        public uint Ttbr0 { get; set; }

        public uint Ttbr1 { get; set; }

        public uint Ttbcr { get; set; }

        /// <summary>LiteOS-A's mmu_setup value, the one the model's walker checks against (<see cref="Mmu.MmuRegisters.DacrValue"/>).</summary>
        public uint Dacr { get; set; } = Mmu.MmuRegisters.DacrValue;

        public uint ContextIdr { get; set; }

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
            memory.WriteUInt32(physicalAddress + 0x08, Ttbr0);
            memory.WriteUInt32(physicalAddress + 0x0C, Ttbr1);
            memory.WriteUInt32(physicalAddress + 0x10, Ttbcr);
            memory.WriteUInt32(physicalAddress + 0x14, Dacr);
            memory.WriteUInt32(physicalAddress + 0x18, ContextIdr);
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
