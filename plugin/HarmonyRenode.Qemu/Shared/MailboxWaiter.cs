using System;
using System.Diagnostics;
using System.Threading;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Guest.Hypercalls;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Qemu.Shared
{
    /// <summary>
    /// The host side of QEMU's hypercall channel: polls the mailbox, serves each posted call, spins for a bounded time
    /// after it (the next call usually follows within microseconds), then announces it sleeps and blocks on the
    /// doorbell. The sleeping flag and the posted state are a Dekker pair: each side stores its own word, issues a full
    /// barrier, then reads the other's (the guest's half is in firmware/runtime/hypercall.S), so no ring is lost.
    /// </summary>
    internal sealed class MailboxWaiter
    {
        public enum End
        {
            /// <summary>QEMU closed the doorbell: the firmware exited (or QEMU died).</summary>
            Closed,
            Halted,
            TimedOut,
            Cancelled,
        }

        private readonly HypercallServer server;
        private readonly IGuestMemory memory;
        private readonly HostDoorbell doorbell;
        private readonly long spinTicks;

        public MailboxWaiter(HypercallServer server, IGuestMemory memory, HostDoorbell doorbell, TimeSpan spin)
        {
            this.server = server;
            this.memory = memory;
            this.doorbell = doorbell;
            spinTicks = (long)(spin.TotalSeconds * Stopwatch.Frequency);
        }

        public long Sleeps { get; private set; }

        /// <summary>The longest stretch between two hypercalls, and the CPU time this thread used during it.</summary>
        public TimeSpan LongestIdle { get; private set; }

        public TimeSpan LongestIdleCpu { get; private set; }

        public End Run(DateTime deadline, CancellationToken cancel)
        {
            var sleepingFlag = server.MailboxAddress + MailboxLayout.HostSleeping;
            var lastWork = Stopwatch.GetTimestamp();
            // CPU clock readings are system calls: taken only around sleeps, never per call. Until the first sleep
            // of an idle stretch the thread spins, so that part counts as CPU in full.
            long sleptAt = 0;
            var cpuAtSleep = TimeSpan.Zero;
            while (true)
            {
                if (server.IsPosted)
                {
                    if (sleptAt != 0)
                    {
                        NoteIdle(lastWork, sleptAt, cpuAtSleep);
                        sleptAt = 0;
                    }
                    if (server.Serve() == HookOutcome.Halt)
                    {
                        return End.Halted;
                    }
                    lastWork = Stopwatch.GetTimestamp();
                    continue;
                }
                if (Stopwatch.GetTimestamp() - lastWork < spinTicks)
                {
                    Thread.SpinWait(8);
                    continue;
                }
                if (cancel.IsCancellationRequested)
                {
                    return End.Cancelled;
                }
                memory.WriteUInt32(sleepingFlag, 1);
                Thread.MemoryBarrier();
                if (server.IsPosted)
                {
                    memory.WriteUInt32(sleepingFlag, 0);
                    continue;
                }
                Sleeps++;
                if (sleptAt == 0)
                {
                    sleptAt = Stopwatch.GetTimestamp();
                    cpuAtSleep = ThreadCpuClock.Now();
                }
                var wait = doorbell.Wait(deadline - DateTime.UtcNow);
                memory.WriteUInt32(sleepingFlag, 0);
                if (cancel.IsCancellationRequested)
                {
                    return End.Cancelled;
                }
                if (wait == DoorbellWait.Closed)
                {
                    return End.Closed;
                }
                if (wait == DoorbellWait.TimedOut && !server.IsPosted)
                {
                    return End.TimedOut;
                }
            }
        }

        private void NoteIdle(long lastWork, long sleptAt, TimeSpan cpuAtSleep)
        {
            var idle = Seconds(Stopwatch.GetTimestamp() - lastWork);
            if (idle > LongestIdle)
            {
                LongestIdle = idle;
                LongestIdleCpu = Seconds(sleptAt - lastWork) + (ThreadCpuClock.Now() - cpuAtSleep);
            }
        }

        private static TimeSpan Seconds(long stopwatchTicks) => TimeSpan.FromSeconds(stopwatchTicks / (double)Stopwatch.Frequency);
    }
}
