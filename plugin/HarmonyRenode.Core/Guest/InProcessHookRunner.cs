using System;
using System.Collections.Generic;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// Services hooked symbols for an engine that runs host code on the CPU thread with the guest stopped before the
    /// hooked instruction (Renode's AddHook): dispatch to the session, result in r0, return to LR. No round trip and no
    /// flush-return stub: such an engine flushes its TLB inside the call, so the guest resumes straight at LR.
    /// </summary>
    public sealed class InProcessHookRunner
    {
        private readonly IGuestSession session;
        private readonly IGuestMemory memory;
        private readonly ILogSink log;
        private readonly Dictionary<string, long> callsBySymbol = new Dictionary<string, long>(StringComparer.Ordinal);

        public InProcessHookRunner(IGuestSession session, IGuestMemory memory, ILogSink log)
        {
            this.session = session;
            this.memory = memory;
            this.log = log;
        }

        /// <summary>Every symbol an engine must hook: the session's functions and hr_exit.</summary>
        public IEnumerable<string> Symbols
        {
            get
            {
                foreach (var name in session.Hooks.Names)
                {
                    yield return name;
                }
                yield return GuestAbi.Exit;
            }
        }

        public long Calls { get; private set; }

        public long Aborts { get; private set; }

        public IReadOnlyDictionary<string, long> CallsBySymbol => callsBySymbol;

        /// <summary>hr_exit's status once the firmware has called it.</summary>
        public int? ExitStatus { get; private set; }

        /// <summary>Why the run stopped when it was not hr_exit: the model's LOS_Panic or a failed handler.</summary>
        public string Failure { get; private set; }

        /// <summary>
        /// Runs the host side of <paramref name="symbol"/> on the stopped CPU. Returns true when the guest resumes at
        /// LR, false when the engine must halt the machine (firmware exit, kernel panic, failed handler).
        /// </summary>
        public bool Service(string symbol, IGuestCpu cpu)
        {
            if (symbol == GuestAbi.Exit)
            {
                ExitStatus = unchecked((int)cpu.GetRegister(0));
                log.Log(LogLevel.Info, $"firmware exited with status {ExitStatus}");
                return false;
            }
            Calls++;
            if (symbol == GuestAbi.DataAbortHost || symbol == GuestAbi.PrefetchAbortHost)
            {
                Aborts++;
            }
            callsBySymbol.TryGetValue(symbol, out var n);
            callsBySymbol[symbol] = n + 1;

            var call = new HookCall(symbol, cpu, memory, session.KernelVaToPa);
            try
            {
                session.Hooks.Dispatch(call);
            }
            catch (KernelPanicException ex)
            {
                return Halt($"LOS_Panic in {symbol}: {ex.Message}");
            }
            catch (Exception ex)
            {
                return Halt($"host handler for {symbol} failed (r0=0x{cpu.GetRegister(0):X8} r1=0x{cpu.GetRegister(1):X8} " +
                    $"r2=0x{cpu.GetRegister(2):X8} r3=0x{cpu.GetRegister(3):X8} lr=0x{cpu.GetRegister(ArmRegister.Lr):X8}): {ex.Message}");
            }
            if (call.Result.HasValue)
            {
                cpu.SetRegister(0, call.Result.Value);
            }
            // BX LR: the engine's PC write takes the Thumb state from bit 0, as an interworking return does.
            cpu.SetRegister(ArmRegister.Pc, cpu.GetRegister(ArmRegister.Lr));
            return true;
        }

        private bool Halt(string failure)
        {
            Failure = failure;
            log.Log(LogLevel.Error, failure + "; machine halted");
            return false;
        }
    }
}
