using System;

namespace HarmonyRenode.Core.Events
{
    /// <summary>
    /// Where the model publishes its <see cref="MemoryEvent"/>s. Off (no sink) by default: every publishing site in
    /// the model is guarded by <see cref="Enabled"/>, a null check, so a run without tracing does no other work and
    /// allocates nothing. One instance per model, shared by its layers.
    /// </summary>
    public sealed class MemoryEvents
    {
        private IMemoryEventSink? sink;
        private Func<ulong>? clock;
        private ulong sequence;
        private ulong last;

        public bool Enabled => sink != null;

        /// <summary>LR of the hooked call being serviced (0 between calls, and for direct calls of the model).</summary>
        public uint CallSite { get; private set; }

        /// <summary>Starts publishing to <paramref name="target"/>.</summary>
        /// <param name="guestClock">The engine's guest time (e.g. Renode's executed instructions); null: a sequence number.</param>
        public void Attach(IMemoryEventSink target, Func<ulong>? guestClock = null)
        {
            clock = guestClock;
            sink = target ?? throw new ArgumentNullException(nameof(target));
        }

        public void Detach()
        {
            sink = null;
            clock = null;
        }

        public void HookEnter(string symbol, uint lr)
        {
            CallSite = lr;
            Publish(MemoryEventKind.HookEnter, 0, 0, 0, symbol);
        }

        public void HookExit(string symbol, uint result)
        {
            Publish(MemoryEventKind.HookExit, 0, 0, result, symbol);
            CallSite = 0;
        }

        /// <summary>A finding of a checker (see <see cref="MemoryEventKind.Finding"/>).</summary>
        public void Finding(string kind, uint address, string text)
        {
            if (Enabled)
            {
                Publish(MemoryEventKind.Finding, address, 0, 0, kind, text);
            }
        }

        public void Publish(MemoryEventKind kind, uint address, uint size, uint value, string? name = null, string? text = null)
        {
            var target = sink;
            if (target == null)
            {
                return;
            }
            target.OnEvent(new MemoryEvent(kind, Now(), CallSite, address, size, value, name, text));
        }

        /// <summary>Guest time, never going backwards (an engine clock can restart after a machine reset).</summary>
        private ulong Now()
        {
            sequence++;
            var time = clock != null ? clock() : sequence;
            if (time < last)
            {
                time = last;
            }
            last = time;
            return time;
        }
    }
}
