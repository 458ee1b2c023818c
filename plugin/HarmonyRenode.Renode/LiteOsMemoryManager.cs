using System.Linq;
using Antmicro.Migrant;
using Antmicro.Renode.Core;
using Antmicro.Renode.Core.Extensions;
using Antmicro.Renode.Core.Structure.Registers;
using Antmicro.Renode.Exceptions;
using Antmicro.Renode.Logging;
using Antmicro.Renode.Peripherals.Bus;
using Antmicro.Renode.Peripherals.CPU;
using Antmicro.Renode.Peripherals.Miscellaneous.LiteOs;
using Antmicro.Renode.Utilities;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Diagnostics;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Guest.Hypercalls;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Reporting;
using HarmonyRenode.Core.Session;

namespace Antmicro.Renode.Peripherals.Miscellaneous
{
    /// <summary>
    /// The LiteOS-A memory manager of HarmonyRenode, in-process on a Renode Cortex-A7: the model (the prebuilt
    /// HarmonyRenode.Core assembly) owns the RAM above the firmware image, writes its translation tables through the
    /// system bus, and serves every hooked LOS_* function and abort stub of the firmware through the hypercall mailbox
    /// (firmware/ABI.md, "Hypercalls"): the guest's store to the doorbell register calls <see cref="WriteDoubleWord"/>
    /// on the CPU thread, which serves the request before the store completes. No CPU hook, so translated code is never
    /// left. Declared in platforms/liteos-a-memory-manager.repl; `Boot` after `sysbus LoadELF`. The register window
    /// (declared with Renode's register API in <see cref="DefineRegisters"/>) also gives scripts and Robot suites the
    /// run's counters; each is computed only when its register is read.
    /// </summary>
    public sealed class LiteOsMemoryManager : IDoubleWordPeripheral, IKnownSize, IProvidesRegisterCollection<DoubleWordRegisterCollection>
    {
        /// <summary>"HRMM": what register 0 reads, so a script can tell the peripheral is there.</summary>
        public const uint Magic = 0x4D4D5248;

        private readonly IMachine machine;
        private readonly Arm cpu;
        private readonly uint managedSize;
        private LiteOsGuestSession session;
        private HookDispatcher dispatcher;
        private MemoryRecorder recording;
        private MemoryRecorder lastRecording;
        private string tracePath;
        private bool exitChecked;
        private HypercallServer server;
        // Machine.MachineReset is not saved in a snapshot: after Load the handler is attached again at the next Reset.
        [Transient]
        private bool rebootOnReset;

        public LiteOsMemoryManager(IMachine machine, Arm cpu, ulong managedSize = LiteOsModelFactory.DefaultManagedSize)
        {
            this.machine = machine;
            this.cpu = cpu;
            this.managedSize = checked((uint)managedSize);
            RegistersCollection = new DoubleWordRegisterCollection(this);
            DefineRegisters();
        }

        public DoubleWordRegisterCollection RegistersCollection { get; }

        public long Size => 0x100;

        public bool IsBooted => session != null;

        /// <summary>Whether the firmware has called hr_exit.</summary>
        public bool HasExited => dispatcher?.ExitStatus != null;

        /// <summary>hr_exit's status, or -1 while the firmware runs.</summary>
        public int ExitStatus => dispatcher?.ExitStatus ?? -1;

        /// <summary>Why the machine was halted when it was not hr_exit (the model's LOS_Panic, a failed handler).</summary>
        public string Failure => dispatcher?.Failure ?? "";

        public long HookedCalls => dispatcher?.Calls ?? 0;

        public long Aborts => dispatcher?.Aborts ?? 0;

        /// <summary>The firmware <see cref="BootImage"/> loaded; every machine Reset loads and boots it again.</summary>
        public string Image { get; private set; } = "";

        /// <summary>
        /// `sysbus LoadELF` and <see cref="Boot"/> in one, remembered: every later machine Reset (also after `Load` of
        /// a snapshot, which keeps this peripheral but not the monitor's macros) reloads the image and boots the model.
        /// </summary>
        public void BootImage(ReadFilePath path)
        {
            machine.SystemBus.LoadELF(path, cpu: cpu);
            Boot();
            Image = path;
            AttachReboot();
        }

        /// <summary>
        /// Boots the model for the firmware `sysbus LoadELF` loaded: symbols come from Renode's symbol table; the
        /// configuration block (with this peripheral's doorbell), tables and heap are written before the first
        /// instruction, and the entry of every LOS_* function and host stub is redirected to its hypercall slot.
        /// </summary>
        public void Boot()
        {
            if (session != null)
            {
                throw new RecoverableException("the memory manager is already booted; reset the machine to boot it again");
            }
            var bus = machine.SystemBus;
            var symbols = ElfSymbols.FromLookup((uint)cpu.PC, LiteOsGuestSession.SymbolNames, name => LookUp(bus, name));
            if (!symbols.Contains(GuestAbi.ConfigBlock) || !symbols.Contains(GuestAbi.Mailbox))
            {
                throw new RecoverableException($"no {GuestAbi.ConfigBlock} or {GuestAbi.Mailbox} symbol: load a HarmonyRenode firmware ELF (firmware/ABI.md) before Boot");
            }
            var registration = bus.GetRegistrationPoints(this).FirstOrDefault()
                ?? throw new RecoverableException("the memory manager is not on the system bus");
            var doorbellPa = (uint)registration.Range.StartAddress + (uint)Register.Doorbell;

            var memory = new SystemBusGuestMemory(bus, cpu, new MemoryConfig().RamBase);
            var log = new RenodeLogSink(this);
            var tlb = new MailboxTlb();
            session = LiteOsModelFactory.CreateSession(managedSize, 0,
                new HarmonyRenode.Core.Oracle.MemoryOracle(new HarmonyRenode.Core.Oracle.OracleOptions { Sanitize = Sanitize, SampleInterval = Sanitize ? SanitizeSample : 0 }));
            // The guest reaches the register through the kernel's device window (IO_DEVICE_ADDR, los_vm_zone.h).
            session.DoorbellVa = VmZone.PeriphDeviceBase + doorbellPa - VmZone.PeriphPmmBase;
            session.Boot(symbols, memory, tlb, log);
            dispatcher = new HookDispatcher(session, memory, log) { HaltAtExit = true };
            var redirected = EntryRedirect.Apply(symbols, dispatcher.Symbols, memory, session.KernelVaToPa);
            var mailbox = session.KernelVaToPa(symbols.AddressOf(GuestAbi.Mailbox));
            memory.Fill(mailbox, (int)MailboxLayout.Size, 0);
            tlb.Clear();
            server = new HypercallServer(dispatcher, memory, mailbox, tlb, session.PaToKernelVa);
            cpu.FlushTlb();
            this.Log(LogLevel.Info, "{0} functions redirected to the hypercall mailbox at 0x{1:X8}, doorbell 0x{2:X8}",
                redirected.Count, mailbox, session.DoorbellVa);
        }

        /// <summary>LiteOS-A shell `vmm`: every space and its regions.</summary>
        public string Vmm() => Manager.Vmm();

        /// <summary>LiteOS-A shell `pmm`: the physical segments and free lists.</summary>
        public string Pmm() => Manager.Pmm();

        /// <summary>LiteOS-A shell `free` (option "-k" or "-m" as the shell takes it).</summary>
        public string Free(string option = "") => Manager.Free(option == "" ? null : option);

        /// <summary>LiteOS-A shell `shm`: the used System V shared memory segments (header only before ShmInit).</summary>
        public string Shm() => Manager.Shm();

        /// <summary>LiteOS-A shell `memcheck`: the heap's node headers in guest RAM against the model.</summary>
        public string MemCheck() => Manager.MemCheck();

        /// <summary>LiteOS-A shell `v2p`: the translation of a VA in the current space.</summary>
        public string V2p(ulong address) => Manager.V2p(checked((uint)address));

        /// <summary>The model's invariants (docs/architecture.md): "OK", or one violation a line.</summary>
        public string CheckInvariants()
        {
            var violations = Manager.CheckInvariants();
            return violations.Count == 0 ? "OK" : string.Join("\n", violations.Select(v => v.ToString()));
        }

        /// <summary>`mm TraceStart @FILE`: records the model's events from now on, in guest instructions (docs/tracing.md).</summary>
        public void TraceStart(string path)
        {
            if (recording != null)
            {
                throw new RecoverableException("a trace is already being recorded: `TraceStop` it first");
            }
            tracePath = path;
            recording = new MemoryRecorder(Manager, address => machine.SystemBus.FindSymbolAt(address, cpu));
            recording.Start(() => cpu.ExecutedInstructions);
        }

        /// <summary>`mm TraceStop`: stops recording and writes the Chrome Trace Event JSON to TraceStart's file.</summary>
        public string TraceStop()
        {
            if (recording == null)
            {
                throw new RecoverableException("no trace is being recorded: `TraceStart @FILE` first");
            }
            recording.Stop();
            lastRecording = recording;
            recording = null;
            MemoryReportFiles.WriteTrace(lastRecording, tracePath);
            return string.Format("{0} events written to {1}", lastRecording.Events.Count, tracePath);
        }

        /// <summary>`mm Report @FILE`: the HTML report of the trace being recorded, else of the last one, else of the model now.</summary>
        public string Report(string path)
        {
            var recorder = recording ?? lastRecording;
            if (recorder == null)
            {
                recorder = new MemoryRecorder(Manager, address => machine.SystemBus.FindSymbolAt(address, cpu));
            }
            recorder.Sample();
            MemoryReportFiles.WriteReport(recorder, path, "HarmonyRenode on Renode");
            return "report written to " + path;
        }

        public uint ReadDoubleWord(long offset) => RegistersCollection.Read(offset);

        public void WriteDoubleWord(long offset, uint value) => RegistersCollection.Write(offset, value);

        private void DefineRegisters()
        {
            Register.Magic.Define(this)
                .WithValueField(0, 32, FieldMode.Read, valueProviderCallback: _ => Magic, name: "MAGIC");
            Register.Booted.Define(this)
                .WithFlag(0, FieldMode.Read, valueProviderCallback: _ => IsBooted, name: "BOOTED")
                .WithReservedBits(1, 31);
            Register.HookedCalls.Define(this)
                .WithValueField(0, 32, FieldMode.Read, valueProviderCallback: _ => (uint)HookedCalls, name: "HOOKED_CALLS");
            Register.Aborts.Define(this)
                .WithValueField(0, 32, FieldMode.Read, valueProviderCallback: _ => (uint)Aborts, name: "ABORTS");
            Register.ExitStatus.Define(this)
                .WithValueField(0, 32, FieldMode.Read, valueProviderCallback: _ => unchecked((uint)ExitStatus), name: "EXIT_STATUS");
            Register.FreePages.Define(this)
                .WithValueField(0, 32, FieldMode.Read, valueProviderCallback: _ => IsBooted ? (uint)Manager.Phys.FreePageCount : 0u, name: "FREE_PAGES");
            // The whole checker runs, but only when this register itself is read (a value provider is per register).
            Register.InvariantViolations.Define(this)
                .WithValueField(0, 32, FieldMode.Read, valueProviderCallback: _ => IsBooted ? (uint)Manager.CheckInvariants().Count : 0u, name: "INVARIANT_VIOLATIONS");
            Register.Doorbell.Define(this)
                .WithValueField(0, 32, FieldMode.Write, writeCallback: (_, __) => RingDoorbell(), name: "DOORBELL");
        }

        /// <summary>The doorbell: the guest posted a hypercall; it is served before this store completes.</summary>
        private void RingDoorbell()
        {
            if (server == null || !server.IsPosted)
            {
                this.Log(LogLevel.Warning, "doorbell rung without a posted hypercall");
                return;
            }
            HookOutcome outcome;
            try
            {
                outcome = server.Serve();
            }
            catch (GuestProtocolException ex)
            {
                this.Log(LogLevel.Error, "{0}; machine halted", ex.Message);
                outcome = HookOutcome.Halt;
            }
            catch (System.Exception ex) when (!(ex is System.OutOfMemoryException))
            {
                // A bug of the host, not of the guest: one line, as the CLI says it; the stack trace at debug level.
                this.Log(LogLevel.Error, "host failure: {0}; machine halted", HostFailure.Describe(ex));
                this.Log(LogLevel.Debug, "{0}", ex);
                outcome = HookOutcome.Halt;
            }
            if (outcome != HookOutcome.Resume)
            {
                // hr_exit or the model halted the kernel: stop here, as the semihosting exit stops QEMU. Alone, the
                // emulation pauses; next to other machines (a co-simulation) only this CPU stops, the others go on.
                if (EmulationManager.Instance.CurrentEmulation.MachinesCount > 1)
                {
                    cpu.IsHalted = true;
                }
                else
                {
                    machine.PauseAndRequestEmulationPause();
                }
            }
        }

        /// <summary>
        /// A machine reset drops the model with the old run; with an <see cref="Image"/> it is loaded and booted again
        /// once every peripheral (the CPU too) has been reset: Machine.MachineReset comes after them.
        /// </summary>
        public void Reset()
        {
            RegistersCollection.Reset();
            recording?.Stop();
            recording = null;
            lastRecording = null;
            session = null;
            dispatcher = null;
            server = null;
            exitChecked = false;
            if (Image != "")
            {
                AttachReboot();
            }
        }

        private void AttachReboot()
        {
            if (!rebootOnReset)
            {
                machine.MachineReset += RebootImage;
                rebootOnReset = true;
            }
        }

        private void RebootImage(IMachine resetMachine)
        {
            if (session == null && Image != "")
            {
                machine.SystemBus.LoadELF(Image, cpu: cpu);
                Boot();
            }
        }

        /// <summary>
        /// A symbol's value as the ELF has it: Renode keeps a Thumb function's bit 0 apart (Symbol.IsThumbSymbol), and
        /// the entry redirection needs it to write a Thumb branch.
        /// </summary>
        private uint? LookUp(IBusController bus, string name)
        {
            if (!bus.GetLookup(cpu).TryGetSymbolsByName(name, out var found) || found.Count == 0)
            {
                if (!bus.GetLookup().TryGetSymbolsByName(name, out found) || found.Count == 0)
                {
                    return null;
                }
            }
            var symbol = found.First();
            return (uint)symbol.Start.RawValue | (symbol.IsThumbSymbol ? 1u : 0u);
        }

        /// <summary>The CLI's --sanitize (heap redzones and quarantine); read at `Boot`, so set it, then `machine Reset`.</summary>
        public bool Sanitize { get; set; }

        /// <summary>The CLI's --sanitize-sample N (with Sanitize): every Nth heap block on its own page before a guard page.</summary>
        public uint SanitizeSample { get; set; }

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
                oracle.CheckAtExit();
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

        private HarmonyRenode.Core.Facade.MemoryModel Manager =>
            session?.Manager ?? throw new RecoverableException("the memory manager is not booted: `Boot` it after `sysbus LoadELF`");

        private enum Register : long
        {
            Magic = 0x00,
            Booted = 0x04,
            HookedCalls = 0x08,
            Aborts = 0x0C,
            ExitStatus = 0x10,
            FreePages = 0x14,
            InvariantViolations = 0x18,
            Doorbell = 0x20,
        }
    }
}
