using System;
using System.Runtime.InteropServices;

namespace HarmonyRenode.Qemu.Shared
{
    /// <summary>CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)), to show the waiter sleeps.</summary>
    internal static class ThreadCpuClock
    {
        private const int ClockThreadCpuTimeId = 3;

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        public static TimeSpan Now()
        {
            try
            {
                return ClockGetTime(ClockThreadCpuTimeId, out var t) == 0
                    ? TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100)
                    : TimeSpan.Zero;
            }
            catch (DllNotFoundException)
            {
                return TimeSpan.Zero;
            }
        }
    }
}
