using HarmonyRenode.Qemu.Shared;
using Perfolizer.Horology;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>
    /// <see cref="ThreadCpuClock"/> as BenchmarkDotNet's clock. On the shared 2-core machine the benchmark process often
    /// gets a fraction of a core; wall time then measures the other engineers' load, thread CPU time what the model
    /// costs. Both the baseline and the workloads use it.
    /// </summary>
    public sealed class ThreadCpuTimeBenchmarkClock : IClock
    {
        public static readonly ThreadCpuTimeBenchmarkClock Instance = new ThreadCpuTimeBenchmarkClock();

        public string Title => "thread CPU time";

        public bool IsAvailable => ThreadCpuClock.IsAvailable;

        public Frequency Frequency => Frequency.GHz;

        public long GetTimestamp()
        {
            ThreadCpuClock.TryNanoseconds(out var ns);
            return ns;
        }
    }
}
