using System;
using System.Collections.Generic;
using HarmonyRenode.Core.Events;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// Symbol name → host handler. Engines install a breakpoint/hook on every name the firmware defines and call
    /// <see cref="Dispatch"/> when the guest reaches it. Adding a replaced function is one <see cref="Add"/> line.
    /// </summary>
    public sealed class GuestHookTable
    {
        private readonly Dictionary<string, Action<HookCall>> handlers = new Dictionary<string, Action<HookCall>>(StringComparer.Ordinal);
        private readonly List<string> names = new List<string>();

        /// <summary>In the order of <see cref="Add"/>: hypercall ids are positions in this list.</summary>
        public IReadOnlyList<string> Names => names;

        /// <summary>The model's events: each dispatched call becomes a HookEnter/HookExit pair with LR as its call site.</summary>
        public MemoryEvents? Events { get; set; }

        /// <summary>Called with every call before its handler (the memory-safety oracle reads the call site here).</summary>
        public Action<HookCall>? Entering { get; set; }

        public GuestHookTable Add(string symbol, Action<HookCall> handler)
        {
            handlers.Add(symbol, handler);
            names.Add(symbol);
            return this;
        }

        /// <summary>A handler for a function returning a 32-bit value.</summary>
        public GuestHookTable Add(string symbol, Func<HookCall, uint> function) => Add(symbol, call => call.Return(function(call)));

        public bool Contains(string symbol) => handlers.ContainsKey(symbol);

        public void Dispatch(HookCall call)
        {
            if (!handlers.TryGetValue(call.Symbol, out var handler))
            {
                throw new InvalidOperationException($"no host handler for {call.Symbol}");
            }
            Entering?.Invoke(call);
            var events = Events;
            if (events == null || !events.Enabled)
            {
                handler(call);
                return;
            }
            events.HookEnter(call.Symbol, call.Cpu.GetRegister(ArmRegister.Lr));
            try
            {
                handler(call);
            }
            finally
            {
                events.HookExit(call.Symbol, call.Result ?? 0);
            }
        }
    }
}
