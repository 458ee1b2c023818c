using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// What an engine runs: the host side of one firmware run. <see cref="Boot"/> is called once, with the guest
    /// paused before its first instruction, to write the tables, heap and configuration block; after that the
    /// engine dispatches every stop at a hooked symbol to <see cref="Hooks"/>.
    /// </summary>
    public interface IGuestSession
    {
        GuestHookTable Hooks { get; }

        void Boot(ElfSymbols symbols, IGuestMemory memory, ITlbMaintenance tlb, ILogSink log);

        /// <summary>Kernel VA → PA for pointer arguments and stack reads (OsKVaddrToPaddr).</summary>
        uint KernelVaToPa(uint kernelVa);

        /// <summary>PA → kernel VA (LOS_PaddrToKVaddr), for work the host hands back to the guest.</summary>
        uint PaToKernelVa(uint physicalAddress);
    }
}
