using System;
using System.Collections.Generic;
using System.Linq;
using Antmicro.Migrant.Hooks;
using Antmicro.Renode.Core;
using Antmicro.Renode.Exceptions;
using Antmicro.Renode.Logging;
using Antmicro.Renode.Peripherals.Bus;
using Antmicro.Renode.Peripherals.CPU;
using Antmicro.Renode.Peripherals.Miscellaneous.LiteOs;
using HarmonyRenode.Core.Guest;

namespace Antmicro.Renode.Peripherals.Miscellaneous
{
    /// <summary>
    /// The LiteOS-A memory manager of HarmonyRenode, in-process on a Renode Cortex-A7: the model (the prebuilt
    /// HarmonyRenode.Core assembly) owns the RAM above the firmware image, writes its translation tables through the
    /// system bus, and services every hooked LOS_* function and abort stub of the firmware (firmware/ABI.md) from a CPU
    /// hook. Declared in platforms/liteos-a-memory-manager.repl; `Boot` after `sysbus LoadELF`. The register window
    /// gives scripts and Robot suites the run's counters.
    /// </summary>
    public sealed class LiteOsMemoryManager : IDoubleWordPeripheral, IKnownSize
    {
        /// <summary>"HRMM": what register 0 reads, so a script can tell the peripheral is there.</summary>
        public const uint Magic = 0x4D4D5248;

        private readonly IMachine machine;
        private readonly Arm cpu;
        private readonly uint managedSize;
        private readonly Dictionary<ulong, string> hooked = new Dictionary<ulong, string>();
        private LiteOsGuestSession session;
        private InProcessHookRunner runner;
        private bool exitChecked;

        public LiteOsMemoryManager(IMachine machine, Arm cpu, ulong managedSize = LiteOsModelFactory.DefaultManagedSize)
        {
            this.machine = machine;
            this.cpu = cpu;
            this.managedSize = checked((uint)managedSize);
        }

        public long Size => 0x100;

        public bool IsBooted => session != null;

        /// <summary>Whether the firmware has called hr_exit.</summary>
        public bool HasExited => runner?.ExitStatus != null;

        /// <summary>hr_exit's status, or -1 while the firmware runs.</summary>
        public int ExitStatus => runner?.ExitStatus ?? -1;

        /// <summary>Why the machine was halted when it was not hr_exit (the model's LOS_Panic, a failed handler).</summary>
        public string Failure => runner?.Failure ?? "";

        public long HookedCalls => runner?.Calls ?? 0;

        public long Aborts => runner?.Aborts ?? 0;

        /// <summary>
        /// Boots the model for the firmware `sysbus LoadELF` loaded: symbols come from Renode's symbol table, the
        /// configuration block, tables and heap are written before the first instruction, and every LOS_* function
        /// and host stub the firmware defines gets a hook.
        /// </summary>
        public void Boot()
        {
            if (session != null)
            {
                throw new RecoverableException("the memory manager is already booted; reset the machine to boot it again");
            }
            var bus = machine.SystemBus;
            var symbols = ElfSymbols.FromLookup((uint)cpu.PC, LiteOsGuestSession.SymbolNames, name =>
                bus.TryGetAllSymbolAddresses(name, out var addresses, cpu) ? (uint?)(uint)addresses.First() : null);
            if (!symbols.Contains(GuestAbi.ConfigBlock))
            {
                throw new RecoverableException($"no {GuestAbi.ConfigBlock} symbol: load a HarmonyRenode firmware ELF (firmware/ABI.md) before Boot");
            }

            var memory = new SystemBusGuestMemory(bus, cpu);
            var log = new RenodeLogSink(this);
            session = LiteOsModelFactory.CreateSession(managedSize, 0,
                new HarmonyRenode.Core.Oracle.MemoryOracle(new HarmonyRenode.Core.Oracle.OracleOptions { Sanitize = Sanitize }));
            session.Boot(symbols, memory, new CpuTlbMaintenance(cpu), log);
            runner = new InProcessHookRunner(session, memory, log);
            foreach (var name in runner.Symbols)
            {
                if (symbols.TryGet(name, out var symbol))
                {
                    hooked[symbol.Address] = name;
                }
            }
            InstallHooks();
            cpu.FlushTlb();
            this.Log(LogLevel.Info, "{0} hooked symbols", hooked.Count);
        }

        /// <summary>LiteOS-A shell `vmm`: every space and its regions.</summary>
        public string Vmm() => Manager.Vmm();

        /// <summary>LiteOS-A shell `pmm`: the physical segments and free lists.</summary>
        public string Pmm() => Manager.Pmm();

        /// <summary>LiteOS-A shell `free` (option "-k" or "-m" as the shell takes it).</summary>
        public string Free(string option = "") => Manager.Free(option == "" ? null : option);

        /// <summary>LiteOS-A shell `memcheck`: the heap's node headers in guest RAM against the model.</summary>
        public string MemCheck() => Manager.MemCheck();

        /// <summary>LiteOS-A shell `v2p`: the translation of a VA in the current space.</summary>
        public string V2p(ulong address) => Manager.V2p(checked((uint)address));

        /// <summary>Spec §8 over the whole model: "OK", or one violation a line.</summary>
        public string CheckInvariants()
        {
            var violations = Manager.CheckInvariants();
            return violations.Count == 0 ? "OK" : string.Join("\n", violations.Select(v => v.ToString()));
        }

        public uint ReadDoubleWord(long offset)
        {
            switch ((Register)offset)
            {
                case Register.Magic: return Magic;
                case Register.Booted: return IsBooted ? 1u : 0u;
                case Register.HookedCalls: return (uint)HookedCalls;
                case Register.Aborts: return (uint)Aborts;
                case Register.ExitStatus: return unchecked((uint)ExitStatus);
                case Register.FreePages: return IsBooted ? (uint)Manager.Phys.FreePageCount : 0u;
                case Register.InvariantViolations: return IsBooted ? (uint)Manager.CheckInvariants().Count : 0u;
                default:
                    this.Log(LogLevel.Warning, "read of unknown register 0x{0:X}", offset);
                    return 0;
            }
        }

        public void WriteDoubleWord(long offset, uint value)
        {
            this.Log(LogLevel.Warning, "write of 0x{0:X8} to read-only register 0x{1:X}", value, offset);
        }

        /// <summary>The CLI's --sanitize (heap redzones and quarantine); read at `Boot`, so set it, then `machine Reset`.</summary>
        public bool Sanitize { get; set; }

        /// <summary>
        /// The memory-safety oracle's findings (README, "Memory-safety oracle"), one ASan-like block each, or "no findings".
        /// Once the firmware has exited the heap headers are checked first, as the CLI does at hr_exit.
        /// </summary>
        public string Findings()
        {
            var oracle = Oracle;
            if (HasExited && !exitChecked)
            {
                exitChecked = true;
                session.Oracle.CheckAtExit();
            }
            return oracle.Oracle.Findings.Count == 0 ? "no findings"
                : string.Concat(oracle.Oracle.Findings.Select(f => HarmonyRenode.Core.Oracle.FindingText.Format(f, Describe)));
        }

        /// <summary>Live allocations since the mark, grouped by allocation site, biggest first; "no leaks" when none.</summary>
        public string Leaks()
        {
            var leaks = Oracle.Oracle.Leaks();
            return leaks.Count == 0 ? "no leaks" : HarmonyRenode.Core.Oracle.FindingText.FormatLeaks(leaks, Describe, Oracle.Oracle.MarkSerial > 0);
        }

        public void ClearFindings() => Oracle.Oracle.ClearFindings();

        /// <summary>As the firmware's hr_leak_mark: allocations made until now are left out of `Leaks`.</summary>
        public void LeakMark() => Oracle.Mark();

        private HarmonyRenode.Core.Oracle.OracleMemoryApi Oracle =>
            session?.Oracle ?? throw new RecoverableException("the memory manager is not booted: `Boot` it after `sysbus LoadELF`");

        private string Describe(uint address, bool exact) => machine.SystemBus.FindSymbolAt(exact ? address : address - 4, cpu) ?? "??";

        /// <summary>A machine reset reloads the firmware: the model goes with the old image and is booted again.</summary>
        public void Reset()
        {
            foreach (var address in hooked.Keys)
            {
                cpu.RemoveHooksAt(address);
            }
            hooked.Clear();
            session = null;
            runner = null;
            exitChecked = false;
        }

        private HarmonyRenode.Core.LiteOsMemoryManager Manager =>
            session?.Manager ?? throw new RecoverableException("the memory manager is not booted: `Boot` it after `sysbus LoadELF`");

        private void InstallHooks()
        {
            var guestCpu = new ArmGuestCpu(cpu);
            foreach (var pair in hooked)
            {
                var symbol = pair.Value;
                cpu.AddHook(pair.Key, (c, pc) => OnHook(symbol, guestCpu));
            }
        }

        /// <summary>
        /// A snapshot brings back the CPU's table of hooks but not tlib's breakpoints behind them, so after `Load` the
        /// guest would run the trapping bodies: the hooks are made again (new hooks are armed before the next
        /// instruction). Removing the old ones touches tlib, which may not be restored yet; its failure changes nothing.
        /// </summary>
        [LatePostDeserialization]
        private void ReinstallHooksAfterLoad()
        {
            foreach (var address in hooked.Keys)
            {
                try
                {
                    cpu.RemoveHooksAt(address);
                }
                catch (Exception)
                {
                    // tlib not restored yet: the entry is already out of the table, and the breakpoint went with tlib
                }
            }
            InstallHooks();
        }

        private void OnHook(string symbol, ArmGuestCpu guestCpu)
        {
            if (!runner.Service(symbol, guestCpu))
            {
                // hr_exit or the model halted the kernel: stop here, as the semihosting exit stops QEMU.
                machine.PauseAndRequestEmulationPause();
            }
        }

        private enum Register : long
        {
            Magic = 0x00,
            Booted = 0x04,
            HookedCalls = 0x08,
            Aborts = 0x0C,
            ExitStatus = 0x10,
            FreePages = 0x14,
            InvariantViolations = 0x18,
        }
    }
}
