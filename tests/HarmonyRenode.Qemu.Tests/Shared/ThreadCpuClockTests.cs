using System;
using System.Diagnostics;
using HarmonyRenode.Qemu.Shared;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Shared
{
    public class ThreadCpuClockTests
    {
        [Test]
        public void On_Linux_the_threads_cpu_time_advances_while_it_works()
        {
            Assert.That(ThreadCpuClock.IsAvailable, Is.True);
            Assert.That(ThreadCpuClock.TryNanoseconds(out var start), Is.True);
            var wall = Stopwatch.StartNew();
            long now;
            var spin = 0UL;
            // Work until 2 ms of this thread's CPU time have passed (bounded by wall time, so a broken clock fails).
            do
            {
                spin = spin * 6364136223846793005UL + 1442695040888963407UL;
                ThreadCpuClock.TryNanoseconds(out now);
            }
            while (now - start < 2_000_000 && wall.Elapsed < TimeSpan.FromSeconds(10));
            Assert.That(now - start, Is.GreaterThanOrEqualTo(2_000_000), $"spun {spin:x}");
            Assert.That(ThreadCpuClock.Now(), Is.GreaterThanOrEqualTo(TimeSpan.FromTicks(now / 100)));
        }
    }
}
