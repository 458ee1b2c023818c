using System;
using System.Runtime.InteropServices;

namespace HarmonyRenode.Qemu.Shared
{
    /// <summary>
    /// CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)): the mailbox waiter uses it to show
    /// that it sleeps, the benchmark program to time the model rather than the queue for a core on a shared machine.
    /// </summary>
    public static class ThreadCpuClock
    {
        private const int ClockThreadCpuTimeId = 3;

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "clock_gettime", SetLastError = false)]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        /// <summary>True where the clock can be read (Linux with a 64-bit libc).</summary>
        public static bool IsAvailable => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && IntPtr.Size == 8 && TryNanoseconds(out _);

        /// <summary>The thread's CPU time; zero where the clock cannot be read.</summary>
        public static TimeSpan Now() => TryNanoseconds(out var ns) ? TimeSpan.FromTicks(ns / 100) : TimeSpan.Zero;

        /// <summary>The thread's CPU time in nanoseconds; false (and 0) where the clock cannot be read.</summary>
        public static bool TryNanoseconds(out long nanoseconds)
        {
            try
            {
                if (ClockGetTime(ClockThreadCpuTimeId, out var t) == 0)
                {
                    nanoseconds = t.Seconds * 1_000_000_000L + t.Nanoseconds;
                    return true;
                }
            }
            catch (DllNotFoundException)
            {
            }
            catch (EntryPointNotFoundException)
            {
            }
            nanoseconds = 0;
            return false;
        }
    }
}
