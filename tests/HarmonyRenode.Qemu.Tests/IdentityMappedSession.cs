using System.Collections.Generic;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Qemu.Tests
{
    /// <summary>
    /// A stand-in host for engine tests that must not depend on the model: maps the kernel window and the PL011 with
    /// 1 MiB sections (the boot mappings of docs/memory-manager.md §4.9) and answers a few hooks with trivial code.
    /// </summary>
    public sealed class IdentityMappedSession : IGuestSession
    {
        public const uint SectionKernelRwx = 0x0040E | 1u << 10;      // C|B, AP=01 (priv RW), section
        public const uint SectionDevice = 0x00006 | 1u << 10 | 1u << 4; // B, XN, AP=01

        public GuestHookTable Hooks { get; } = new GuestHookTable();

        public IGuestMemory Memory { get; private set; }

        public ElfSymbols Symbols { get; private set; }

        public uint L1Pa { get; private set; }

        public ITlbMaintenance Tlb { get; private set; }

        public List<string> Log { get; } = new List<string>();

        public uint KernelVaToPa(uint kernelVa) => kernelVa;

        public uint PaToKernelVa(uint physicalAddress) => physicalAddress;

        /// <summary>A symbol Boot looks up as well (tests of firmware that lacks part of the ABI).</summary>
        public string ExtraSymbol { get; set; }

        public void Boot(ElfSymbols symbols, IGuestMemory memory, ITlbMaintenance tlb, ILogSink log)
        {
            Symbols = symbols;
            Memory = memory;
            Tlb = tlb;
            L1Pa = symbols.AddressOf(GuestAbi.FirstPageTable);
            if (ExtraSymbol != null)
            {
                symbols.AddressOf(ExtraSymbol);
            }
            memory.Fill(L1Pa, 0x4000, 0);
            for (uint mb = 0; mb < 256; mb++)
            {
                var va = 0x40000000u + mb * 0x100000;
                memory.WriteUInt32(L1Pa + (va >> 20) * 4, va | SectionKernelRwx);
            }
            var uartVa = VmZone.PeriphDeviceBase + 0x09000000;
            memory.WriteUInt32(L1Pa + (uartVa >> 20) * 4, 0x09000000 | SectionDevice);
            new HrConfigBlock { Registers = new MmuRegisters(0, L1Pa, 0x12, MmuRegisters.DacrValue, 0), UartVa = uartVa }
                .WriteTo(memory, symbols.AddressOf(GuestAbi.ConfigBlock));
        }

        /// <summary>Changes one section entry as the model would, with the TLB maintenance a live entry needs.</summary>
        public void SetSection(uint va, uint descriptor)
        {
            var entry = L1Pa + (va >> 20) * 4;
            if (sections.TryGetValue(va >> 20, out var old) && old != 0)
            {
                Tlb.InvalidatePage(va, 0);
            }
            sections[va >> 20] = descriptor;
            Memory.WriteUInt32(entry, descriptor);
        }

        private readonly Dictionary<uint, uint> sections = new Dictionary<uint, uint>();
    }
}
