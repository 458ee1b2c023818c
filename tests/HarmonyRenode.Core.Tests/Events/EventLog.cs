using System.Collections.Generic;
using System.Linq;
using HarmonyRenode.Core.Events;

namespace HarmonyRenode.Core.Tests.Events
{
    /// <summary>A sink that keeps every event, for tests to read back.</summary>
    public sealed class EventLog : IMemoryEventSink
    {
        public List<MemoryEvent> All { get; } = new List<MemoryEvent>();

        public void OnEvent(in MemoryEvent e) => All.Add(e);

        public List<MemoryEvent> Of(MemoryEventKind kind) => All.Where(e => e.Kind == kind).ToList();
    }
}
