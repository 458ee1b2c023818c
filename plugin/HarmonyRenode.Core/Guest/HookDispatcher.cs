using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>What the engine does after a hooked call was serviced.</summary>
    public enum HookOutcome
    {
        /// <summary>Return to the caller with the result in r0.</summary>
        Resume,

        /// <summary>hr_exit_host: the firmware is exiting; the exit checks ran.</summary>
        Exit,

        /// <summary>The model halted the kernel (LOS_Panic) or a handler failed: stop the machine (<see cref="HookDispatcher.Failure"/>).</summary>
        Halt,
    }

    /// <summary>
    /// The one service of hooked calls for every engine (QEMU's GDB stops, the hypercall mailbox on QEMU and Renode):
    /// dispatches a call to the session's hook table, counts it, writes the result to r0, runs the exit checks at
    /// hr_exit_host, and turns a model panic or a failed handler into one failure message. How the guest gets back to
    /// its caller is the engine's business.
    /// </summary>
    public sealed class HookDispatcher
    {
        private readonly IGuestSession session;
        private readonly IGuestMemory memory;
        private readonly ILogSink log;
        // A box per symbol, made at its first call: counting a call is one look-up and no allocation.
        private readonly Dictionary<string, StrongBox<long>> callsBySymbol = new Dictionary<string, StrongBox<long>>(StringComparer.Ordinal);
        private readonly List<string> symbols = new List<string>();

        /// <summary>The call object every hooked call reuses (null until the first; a nested call gets its own).</summary>
        private HookCall? reusable;
        private bool inCall;

        /// <param name="memory">Guest RAM, for stack arguments and out-parameters.</param>
        public HookDispatcher(IGuestSession session, IGuestMemory memory, ILogSink log)
        {
            this.session = session;
            this.memory = memory;
            this.log = log;
            symbols.AddRange(session.Hooks.Names);
            symbols.Add(GuestAbi.ExitHost);
        }

        /// <summary>Every symbol an engine must hook, in a fixed order: the index is the symbol's hypercall id.</summary>
        public IReadOnlyList<string> Symbols => symbols;

        /// <summary>Runs with the guest's status while it is in hr_exit_host, guest RAM live (diagnostics, checks).</summary>
        public Action<int>? AtExit { get; set; }

        /// <summary>hr_exit_host answers "halt here" (an engine without semihosting: Renode) instead of "go on to the
        /// semihosting exit".</summary>
        public bool HaltAtExit { get; set; }

        public long Calls { get; private set; }

        public long Aborts { get; private set; }

        /// <summary>Calls served per symbol so far (a copy; only symbols that were called).</summary>
        public IReadOnlyDictionary<string, long> CallsBySymbol
        {
            get
            {
                var copy = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var pair in callsBySymbol)
                {
                    copy[pair.Key] = pair.Value.Value;
                }
                return copy;
            }
        }

        /// <summary>hr_exit's status once the firmware has called it.</summary>
        public int? ExitStatus { get; private set; }

        /// <summary>Why the run must stop when it was not hr_exit: the model's LOS_Panic or a failed handler.</summary>
        public string? Failure { get; private set; }

        /// <summary>True when <see cref="Failure"/> is the model's LOS_Panic (a kernel panic), false for a failed handler.</summary>
        public bool FailureIsPanic => PanicMessage != null;

        /// <summary>The model's LOS_Panic message, when that is what halted the run.</summary>
        public string? PanicMessage { get; private set; }

        /// <summary>Services <paramref name="symbol"/> on the stopped or posting CPU.</summary>
        public HookOutcome Service(string symbol, IGuestCpu cpu)
        {
            if (symbol == GuestAbi.ExitHost)
            {
                return ServiceExit(cpu);
            }
            Calls++;
            if (symbol == GuestAbi.DataAbortHost || symbol == GuestAbi.PrefetchAbortHost)
            {
                Aborts++;
            }
            if (!callsBySymbol.TryGetValue(symbol, out var count))
            {
                callsBySymbol.Add(symbol, count = new StrongBox<long>());
            }
            count.Value++;

            HookCall call;
            var nested = inCall;
            if (nested)
            {
                call = new HookCall(symbol, cpu, memory, session.KernelVaToPa);
            }
            else
            {
                call = reusable ?? (reusable = new HookCall(symbol, cpu, memory, session.KernelVaToPa));
                call.Reset(symbol, cpu);
                inCall = true;
            }
            try
            {
                session.Hooks.Dispatch(call);
            }
            catch (KernelPanicException ex)
            {
                PanicMessage = ex.Message;
                return Halt($"LOS_Panic in {symbol}: {ex.Message}");
            }
            catch (Exception ex)
            {
                return Halt($"host handler for {symbol} failed (r0=0x{cpu.GetRegister(0):X8} r1=0x{cpu.GetRegister(1):X8} " +
                    $"r2=0x{cpu.GetRegister(2):X8} r3=0x{cpu.GetRegister(3):X8} lr=0x{cpu.GetRegister(ArmRegister.Lr):X8}): {ex.Message}");
            }
            finally
            {
                inCall = nested;
            }
            if (call.Result.HasValue)
            {
                cpu.SetRegister(0, call.Result.Value);
            }
            return HookOutcome.Resume;
        }

        private HookOutcome ServiceExit(IGuestCpu cpu)
        {
            var status = unchecked((int)cpu.GetRegister(0));
            ExitStatus = status;
            log.Log(LogLevel.Info, $"firmware exited with status {status}");
            try
            {
                AtExit?.Invoke(status);
            }
            catch (Exception ex)
            {
                return Halt($"exit check failed: {ex.Message}");
            }
            cpu.SetRegister(0, HaltAtExit ? 1u : 0u);
            return HookOutcome.Exit;
        }

        private HookOutcome Halt(string failure)
        {
            Failure = failure;
            log.Log(LogLevel.Error, failure + "; machine halted");
            return HookOutcome.Halt;
        }
    }
}
