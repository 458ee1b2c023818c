using System;
using System.Collections.Generic;
using System.Diagnostics;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>
    /// Wraps a session and notes, per hooked symbol, when the guest first and last stopped there (host clock), so a
    /// benchmark can time a phase of the firmware from the host's side: the span between its first and last call.
    /// </summary>
    public sealed class HookTimingSession : IGuestSession
    {
        private readonly IGuestSession inner;
        private readonly Stopwatch clock = new Stopwatch();
        private readonly Dictionary<string, (TimeSpan First, TimeSpan Last, long Count)> stops =
            new Dictionary<string, (TimeSpan, TimeSpan, long)>(StringComparer.Ordinal);

        public HookTimingSession(IGuestSession inner)
        {
            this.inner = inner;
        }

        public GuestHookTable Hooks { get; } = new GuestHookTable();

        public uint KernelVaToPa(uint kernelVa) => inner.KernelVaToPa(kernelVa);

        public uint PaToKernelVa(uint physicalAddress) => inner.PaToKernelVa(physicalAddress);

        public void Boot(ElfSymbols symbols, IGuestMemory memory, ITlbMaintenance tlb, ILogSink log)
        {
            inner.Boot(symbols, memory, tlb, log);
            foreach (var name in inner.Hooks.Names)
            {
                Hooks.Add(name, call =>
                {
                    Note(call.Symbol);
                    inner.Hooks.Dispatch(call);
                });
            }
            clock.Start();
        }

        /// <summary>Calls per second between the first and the last stop at any of <paramref name="symbols"/>.</summary>
        public double Rate(params string[] symbols)
        {
            var first = TimeSpan.MaxValue;
            var last = TimeSpan.Zero;
            long count = 0;
            foreach (var symbol in symbols)
            {
                if (stops.TryGetValue(symbol, out var s))
                {
                    first = s.First < first ? s.First : first;
                    last = s.Last > last ? s.Last : last;
                    count += s.Count;
                }
            }
            // n stops span n-1 intervals.
            return count < 2 ? 0 : (count - 1) / (last - first).TotalSeconds;
        }

        public long Count(string symbol) => stops.TryGetValue(symbol, out var s) ? s.Count : 0;

        private void Note(string symbol)
        {
            var now = clock.Elapsed;
            stops[symbol] = stops.TryGetValue(symbol, out var s) ? (s.First, now, s.Count + 1) : (now, now, 1);
        }
    }
}
