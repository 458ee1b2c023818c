using System;
using System.Collections.Generic;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Qemu.Rsp;

namespace HarmonyRenode.Qemu
{
    /// <summary>
    /// The stop/service/resume loop of one run. A hooked call costs two round trips: `g` after the stop reply, then
    /// one burst of memory writes, register writes and `c` (plus one `m` per guest RAM line the handler reads).
    /// </summary>
    internal sealed class QemuRun
    {
        private readonly GdbRemote gdb;
        private readonly ElfSymbols symbols;
        private readonly IGuestSession session;
        private readonly ILogSink log;
        private readonly GuestRunResult result;
        private readonly Dictionary<uint, string> hooks = new Dictionary<uint, string>();
        private QemuGuestMemory memory;
        private RecordedTlb tlb;
        private uint tlbFlushReturn;
        private HookDispatcher dispatcher;
        private readonly Action<int> atExit;
        private readonly ulong ramSize;

        /// <param name="ramSize">Bytes of guest RAM at <see cref="GuestRamBase"/> (QEMU's -m).</param>
        public QemuRun(GdbRemote gdb, ElfSymbols symbols, IGuestSession session, ILogSink log, GuestRunResult result,
            Action<int> atExit = null, ulong ramSize = 0)
        {
            this.ramSize = ramSize;
            this.atExit = atExit;
            this.gdb = gdb;
            this.symbols = symbols;
            this.session = session;
            this.log = log;
            this.result = result;
        }

        /// <summary>Where the virt board's RAM starts.</summary>
        public const uint GuestRamBase = 0x40000000;

        public QemuGuestMemory Memory => memory;

        public void Start()
        {
            gdb.Handshake();
            memory = new QemuGuestMemory(gdb, GuestRamBase, ramSize);
            tlb = new RecordedTlb();
            tlbFlushReturn = symbols.AddressOf(GuestAbi.TlbFlushReturn);
            session.Boot(symbols, memory, tlb, log);
            tlb.Clear(); // nothing is cached before the MMU comes on

            // hr_exit_host is hooked too: after the semihosting exit QEMU and guest RAM are gone, and checks of the
            // model (heap headers against their shadows, tables) must read the guest's final memory.
            dispatcher = new HookDispatcher(session, memory, log) { AtExit = atExit };
            var packets = memory.TakePackets();
            foreach (var name in dispatcher.Symbols)
            {
                if (symbols.TryGet(name, out var symbol))
                {
                    hooks[symbol.Address] = name;
                    packets.Add(GdbRemote.InsertBreakpointPacket(symbol.Address));
                }
            }
            log.Log(LogLevel.Info, $"{hooks.Count} hooked symbols, boot wrote {memory.BytesWritten} bytes");
            gdb.BatchThenResume(packets, "c");
        }

        /// <summary>Services stops until the firmware exits; returns its exit code.</summary>
        public int Loop(DateTime deadline)
        {
            while (true)
            {
                var stop = gdb.WaitStop(deadline);
                if (stop.Exited)
                {
                    result.Packets = gdb.Connection.PacketsSent;
                    return stop.Kind == 'W' ? stop.Value : 128 + stop.Value;
                }
                var cpu = new GdbCpu(gdb.ReadCoreRegisters());
                var pc = cpu.GetRegister(ArmRegister.Pc);
                if (!hooks.TryGetValue(pc, out var name))
                {
                    throw new GuestFaultException($"guest stopped (signal {stop.Value}) at PC 0x{pc:X8} ({QemuEngine.Describe(symbols, pc)}), not at a hooked symbol");
                }
                Service(name, cpu);
                Resume(cpu);
            }
        }

        private void Service(string name, GdbCpu cpu)
        {
            result.HookStops++;
            if (name == GuestAbi.DataAbortHost || name == GuestAbi.PrefetchAbortHost)
            {
                result.AbortStops++;
            }
            result.CallsBySymbol.TryGetValue(name, out var n);
            result.CallsBySymbol[name] = n + 1;
            if (name == GuestAbi.ExitHost)
            {
                result.GuestExitStatus = unchecked((int)cpu.GetRegister(0));
            }
            if (dispatcher.Service(name, cpu) == HookOutcome.Halt)
            {
                if (dispatcher.FailureIsPanic)
                {
                    throw new KernelPanicException(dispatcher.PanicMessage);
                }
                throw new GuestFaultException(dispatcher.Failure);
            }
        }

        /// <summary>Return to LR (through hr_tlb_flush_return when the model changed a live translation).</summary>
        private void Resume(GdbCpu cpu)
        {
            var lr = cpu.GetRegister(ArmRegister.Lr);
            // BX semantics: bit 0 selects the state, both ways (a Thumb entry may return to an ARM caller).
            var thumb = (lr & 1) != 0;
            if (thumb != ((cpu.Cpsr & 0x20) != 0))
            {
                cpu.SetCpsr(thumb ? cpu.Cpsr | 0x20 : cpu.Cpsr & ~0x20u);
            }
            uint target;
            if (tlb.FlushPending)
            {
                target = tlbFlushReturn;
                result.TlbMaintenanceRuns++;
                tlb.Clear();
            }
            else
            {
                target = lr & ~1u;
            }
            cpu.SetRegister(ArmRegister.Pc, target);
            var packets = memory.TakePackets();
            packets.AddRange(cpu.WritePackets());
            if (hooks.ContainsKey(target))
            {
                // QEMU does not step over a breakpoint at the current PC: lift it for one step (docs/qemu-gdb.md).
                packets.Add(GdbRemote.RemoveBreakpointPacket(target));
                gdb.BatchThenResume(packets, "s");
                var stepped = gdb.WaitStop(DateTime.UtcNow + TimeSpan.FromSeconds(10));
                if (stepped.Exited)
                {
                    throw new QemuException($"QEMU ended during a single step ({stepped})");
                }
                packets = new List<string> { GdbRemote.InsertBreakpointPacket(target) };
            }
            gdb.BatchThenResume(packets, "c");
        }
    }
}
