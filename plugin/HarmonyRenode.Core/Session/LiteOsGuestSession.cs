using System;
using System.Collections.Generic;
using System.Linq;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Oracle;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Session
{
    /// <summary>
    /// The host side of a firmware run on the LiteOS-A model, for any engine: reads the image layout from the ELF,
    /// boots the model over the engine's ports, fills g_hrConfig and the system pool pointers, and hooks every
    /// LOS_* function through <see cref="LosMemoryHooks"/>.
    /// </summary>
    public sealed class LiteOsGuestSession : IGuestSession
    {
        /// <summary>LiteOS-A OsArchMmuInitPerCPU: TTBCR.N = 2 (TTBR0 below 1 GiB), PD0 until a user space exists.</summary>
        public const uint KernelTtbcr = Mmu.MmuRegisters.KernelOnlyTtbcr;

        private readonly Func<ElfSymbols, MemoryConfig, IGuestMemory, ITlbMaintenance, ILogSink, (MemoryModel Model, OracleMemoryApi? Oracle)> createModel;
        private readonly uint managedSize;
        private readonly uint hostFlags;
        private LosMemoryApi bare = null!; // set by Boot, as Config

        /// <param name="createModel">The model of the run and, when it runs with one, the oracle in front of it (null
        /// otherwise). Gets the ELF too: the model's boot mappings follow the image's sections
        /// (<see cref="LiteOsModelFactory.CreateModel"/>).</param>
        public LiteOsGuestSession(uint managedSize, Func<ElfSymbols, MemoryConfig, IGuestMemory, ITlbMaintenance, ILogSink, (MemoryModel Model, OracleMemoryApi? Oracle)> createModel,
            uint hostFlags = 0)
        {
            this.managedSize = managedSize;
            this.createModel = createModel;
            this.hostFlags = hostFlags;
        }

        /// <summary>
        /// Every symbol a session may use, for an engine that looks symbols up one by one (Renode's symbol table) instead
        /// of handing over the ELF: the ABI's data and stubs and every replaced function.
        /// </summary>
        public static IEnumerable<string> SymbolNames => GuestAbi.Symbols.Concat(GuestAbi.OptionalSymbols).Concat(LosMemoryHooks.SymbolNames).Distinct();

        public GuestHookTable Hooks { get; } = new GuestHookTable();

        // Set by Boot; a session used before Boot is a host programming error, not a guest one.
        public MemoryConfig Config { get; private set; } = null!;

        /// <summary>What the hooked calls reach (after <see cref="Boot"/>): the oracle when there is one, else the model's guest ABI.</summary>
        public ILosMemoryApi Api => (ILosMemoryApi?)Oracle ?? bare;

        /// <summary>The model of this run (after <see cref="Boot"/>), for diagnostics and checks at the end.</summary>
        public MemoryModel Manager { get; private set; } = null!; // set by Boot, as Config

        /// <summary>The memory-safety oracle of this run, when the model runs with it (Core/Oracle).</summary>
        public OracleMemoryApi? Oracle { get; private set; }

        public uint KernelVaToPa(uint kernelVa) => Config.KernelVaToPa(kernelVa);

        public uint PaToKernelVa(uint physicalAddress) => Config.PaToKernelVa(physicalAddress);

        /// <summary>
        /// The hypercall doorbell register's VA for g_hrConfig (an engine with an MMIO doorbell: Renode's peripheral);
        /// 0 when the host polls the mailbox (QEMU) or stops at breakpoints.
        /// </summary>
        public uint DoorbellVa { get; set; }

        public void Boot(ElfSymbols symbols, IGuestMemory memory, ITlbMaintenance tlb, ILogSink log)
        {
            Config = new MemoryConfig
            {
                ManagedSize = managedSize,
                ImageEnd = symbols.AddressOf(GuestAbi.BssEnd),
                KernelL1Table = symbols.AddressOf(GuestAbi.FirstPageTable),
            };
            Config.Validate();
            (Manager, Oracle) = createModel(symbols, Config, memory, tlb, log);
            bare = Oracle?.Bare ?? new LosMemoryApi(Manager);
            LosMemoryHooks.Register(Hooks, Api, Manager.Events, Oracle);

            var pool = Api.SystemPool;
            memory.WriteUInt32(Config.KernelVaToPa(symbols.AddressOf(GuestAbi.SysMem0)), pool);
            memory.WriteUInt32(Config.KernelVaToPa(symbols.AddressOf(GuestAbi.SysMem1)), pool);
            new HrConfigBlock
            {
                // Before the first user space: the kernel table alone, TTBR0 walks off (OsArchMmuInitPerCPU).
                Registers = new Mmu.MmuRegisters(0, Api.KernelTtbr1, KernelTtbcr, Mmu.MmuRegisters.DacrValue, 0),
                HostFlags = hostFlags,
                DoorbellVa = DoorbellVa,
            }.WriteTo(memory, Config.KernelVaToPa(symbols.AddressOf(GuestAbi.ConfigBlock)));
            log.Log(LogLevel.Info, $"model booted: image ends 0x{Config.ImageEnd:X8}, kernel L1 0x{Config.KernelL1Table:X8}, " +
                $"system pool 0x{pool:X8}, managed {managedSize >> 20} MiB");
        }
    }
}
