using System;
using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>
    /// The CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID, nanoseconds), as BenchmarkDotNet's clock. On
    /// the shared 2-core machine the benchmark process often gets a fraction of a core; wall time then measures the
    /// other engineers' load, thread CPU time what the model costs. Both the baseline and the workloads use it.
    /// </summary>
    public sealed class ThreadCpuClock : IClock
    {
        private const int ClockThreadCpuTimeId = 3;

        public static readonly ThreadCpuClock Instance = new ThreadCpuClock();

        public string Title => "thread CPU time";

        public bool IsAvailable => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && IntPtr.Size == 8 && Probe();

        public Frequency Frequency => Frequency.GHz;

        public long GetTimestamp()
        {
            clock_gettime(ClockThreadCpuTimeId, out var ts);
            return ts.Seconds * 1_000_000_000L + ts.Nanoseconds;
        }

        private static bool Probe()
        {
            try
            {
                return clock_gettime(ClockThreadCpuTimeId, out _) == 0;
            }
            catch (DllNotFoundException)
            {
                return false;
            }
            catch (EntryPointNotFoundException)
            {
                return false;
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", SetLastError = false)]
        private static extern int clock_gettime(int clockId, out Timespec time);
    }
}
