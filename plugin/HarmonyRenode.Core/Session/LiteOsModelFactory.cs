using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Session
{
    /// <summary>
    /// The glue between a firmware ELF and the model: the kernel image layout comes from the ELF's LiteOS-A linker
    /// symbols, so the boot mappings (OsSetKSectionAttr: text RX, rodata R, data/bss RW) cover exactly the bytes the
    /// firmware runs from, and a session built here boots a <see cref="MemoryModel"/> for any engine.
    /// </summary>
    public static class LiteOsModelFactory
    {
        /// <summary>SYS_MEM_SIZE_DEFAULT of arm_virt: 64 MiB managed.</summary>
        public const uint DefaultManagedSize = 64u << 20;

        /// <summary>__text_start.. __bss_end as OsSetKSectionAttr and the shell's `free` read them (kernel VAs).</summary>
        public static KernelImageLayout ImageLayoutOf(ElfSymbols symbols) => new KernelImageLayout
        {
            TextStart = symbols.AddressOf(GuestAbi.TextStart),
            TextEnd = symbols.AddressOf(GuestAbi.TextEnd),
            RodataStart = symbols.AddressOf(GuestAbi.RodataStart),
            RodataEnd = symbols.AddressOf(GuestAbi.RodataEnd),
            RamDataStart = symbols.AddressOf(GuestAbi.RamDataStart),
            RamDataEnd = symbols.AddressOf(GuestAbi.RamDataEnd),
            BssStart = symbols.AddressOf(GuestAbi.BssStart),
            BssEnd = symbols.AddressOf(GuestAbi.BssEnd),
        };

        /// <summary>Where the firmware holds g_kVmSpace, g_vMallocSpace and g_vmSpaceList (kernel VAs).</summary>
        public static VmGlobals VmGlobalsOf(ElfSymbols symbols) => new VmGlobals(symbols.AddressOf(GuestAbi.KVmSpace),
            symbols.AddressOf(GuestAbi.VMallocSpace), symbols.AddressOf(GuestAbi.VmSpaceList));

        public static MemoryModel CreateModel(ElfSymbols symbols, MemoryConfig config, IGuestMemory memory,
            ITlbMaintenance tlb, ILogSink log)
        {
            var model = new MemoryModel(config, memory, tlb, log, ImageLayoutOf(symbols), VmGlobalsOf(symbols));
            if (symbols.TryGet(GuestAbi.ExpectedFault, out var expected))
            {
                model.ExpectedFaultWord = config.KernelVaToPa(expected.Address);
            }
            if (symbols.TryGet(GuestAbi.Errno, out var errno))
            {
                model.ErrnoWord = config.KernelVaToPa(errno.Address);
            }
            return model;
        }

        /// <summary>A session that boots the real model over whatever ports the engine gives it.</summary>
        /// <param name="aslrSeed">Turns on LOSCFG_ASLR's offsets (stack top, heap base, map base), drawn from a generator with that seed.</param>
        /// <param name="oracle">Null: the bare model. Otherwise the model behind this memory-safety oracle
        /// (<see cref="Oracle.OracleMemoryApi"/>), which leaves every address unchanged unless <see cref="Oracle.OracleOptions.Sanitize"/>.</param>
        public static LiteOsGuestSession CreateSession(uint managedSize = DefaultManagedSize, uint hostFlags = 0,
            Oracle.MemoryOracle? oracle = null, int? aslrSeed = null) =>
            new LiteOsGuestSession(managedSize, (symbols, config, memory, tlb, log) =>
            {
                var model = CreateModel(symbols, config, memory, tlb, log);
                model.Vm.Exec.Aslr = aslrSeed.HasValue ? UserAslr.Seeded(aslrSeed.Value) : UserAslr.Off;
                return (model, oracle == null ? null : WithOracle(model, symbols, config, memory, oracle));
            }, hostFlags);

        /// <summary>The model with the oracle in front; call sites are read from the CPU at each hooked call.</summary>
        public static Oracle.OracleMemoryApi CreateOracleModel(ElfSymbols symbols, MemoryConfig config, IGuestMemory memory,
            ITlbMaintenance tlb, ILogSink log, Oracle.MemoryOracle oracle) =>
            WithOracle(CreateModel(symbols, config, memory, tlb, log), symbols, config, memory, oracle);

        public static Oracle.OracleMemoryApi WithOracle(MemoryModel model, ElfSymbols symbols, MemoryConfig config,
            IGuestMemory memory, Oracle.MemoryOracle oracle)
        {
            var sites = new Oracle.CallSiteReader(memory, config, symbols.AddressOf(GuestAbi.TextStart), symbols.AddressOf(GuestAbi.TextEnd),
                oracle.Options.FrameDepth);
            return new Oracle.OracleMemoryApi(model, oracle, sites);
        }
    }
}
