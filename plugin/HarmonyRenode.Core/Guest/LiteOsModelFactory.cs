using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// The glue between a firmware ELF and the model: the kernel image layout comes from the ELF's LiteOS-A linker
    /// symbols, so the boot mappings (OsSetKSectionAttr: text RX, rodata R, data/bss RW) cover exactly the bytes the
    /// firmware runs from, and a session built here boots a <see cref="LiteOsMemoryManager"/> for any engine.
    /// </summary>
    public static class LiteOsModelFactory
    {
        /// <summary>SYS_MEM_SIZE_DEFAULT of arm_virt: 64 MiB managed.</summary>
        public const uint DefaultManagedSize = 64u << 20;

        /// <summary>__text_start.. __bss_end as OsSetKSectionAttr reads them (kernel VAs).</summary>
        public static KernelImageLayout ImageLayoutOf(ElfSymbols symbols) => new KernelImageLayout
        {
            TextStart = symbols.AddressOf(GuestAbi.TextStart),
            TextEnd = symbols.AddressOf(GuestAbi.TextEnd),
            RodataStart = symbols.AddressOf(GuestAbi.RodataStart),
            RodataEnd = symbols.AddressOf(GuestAbi.RodataEnd),
            RamDataStart = symbols.AddressOf(GuestAbi.RamDataStart),
            BssEnd = symbols.AddressOf(GuestAbi.BssEnd),
        };

        public static LiteOsMemoryManager CreateModel(ElfSymbols symbols, MemoryConfig config, IGuestMemory memory,
            ITlbMaintenance tlb, ILogSink log) =>
            new LiteOsMemoryManager(config, memory, tlb, log, ImageLayoutOf(symbols));

        /// <summary>A session that boots the real model over whatever ports the engine gives it.</summary>
        /// <param name="oracle">Null: the bare model. Otherwise the model behind this memory-safety oracle
        /// (<see cref="Oracle.OracleMemoryApi"/>), which leaves every address unchanged unless <see cref="Oracle.OracleOptions.Sanitize"/>.</param>
        public static LiteOsGuestSession CreateSession(uint managedSize = DefaultManagedSize, uint hostFlags = 0,
            Oracle.MemoryOracle oracle = null) =>
            new LiteOsGuestSession(managedSize, oracle == null
                ? (System.Func<ElfSymbols, MemoryConfig, IGuestMemory, ITlbMaintenance, ILogSink, ILosMemoryApi>)CreateModel
                : (symbols, config, memory, tlb, log) => CreateOracleModel(symbols, config, memory, tlb, log, oracle), hostFlags);

        /// <summary>The model with the oracle in front; call sites are read from the CPU at each hooked call.</summary>
        public static Oracle.OracleMemoryApi CreateOracleModel(ElfSymbols symbols, MemoryConfig config, IGuestMemory memory,
            ITlbMaintenance tlb, ILogSink log, Oracle.MemoryOracle oracle)
        {
            var model = CreateModel(symbols, config, memory, tlb, log);
            var sites = new Oracle.CallSiteReader(memory, config, symbols.AddressOf(GuestAbi.TextStart), symbols.AddressOf(GuestAbi.TextEnd),
                oracle.Options.FrameDepth);
            return new Oracle.OracleMemoryApi(model, oracle, sites);
        }
    }
}
