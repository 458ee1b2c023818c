using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>Ports that cost nothing, so the numbers are the model's own work.</summary>
    public sealed class QuietLog : ILogSink
    {
        public void Log(LogLevel level, string message)
        {
        }
    }

    public sealed class CountingTlb : ITlbMaintenance
    {
        public long Invalidations { get; private set; }

        public void InvalidatePage(uint va, uint asid) => Invalidations++;

        public void InvalidateAsid(uint asid) => Invalidations++;

        public void InvalidateAll() => Invalidations++;
    }
}
