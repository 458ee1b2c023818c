using System;
using System.Linq;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.EndToEnd
{
    /// <summary>What only the GDB-breakpoint engine (`--engine qemu-gdb`) has: packets per stop, a guest that never runs a stub.</summary>
    [TestFixture]
    [Parallelizable(ParallelScope.All)]
    public class GdbEngineTests
    {
        [Test]
        public void Bench_costs_about_eight_GDB_packets_a_stop()
        {
            var run = ModelRun.Start("bench", engine: "qemu-gdb");
            run.AssertExit(0);
            // g, one m per heap line read, merged M writes, one P or G, c: about 8 packets a stop (15 before).
            Assert.That((double)run.Result.Packets / run.Result.HookStops, Is.LessThan(9.0), "GDB packets per stop");
        }

        [Test]
        public void Bench_under_icount_counts_guest_instructions_not_the_hosts_round_trips()
        {
            var run = ModelRun.Start("bench", instructionCount: true, engine: "qemu-gdb");
            run.AssertExit(0);
            var hooked = Number(run, "bench: hooked calls 4000, guest instructions per hooked call ");
            var inGuest = Number(run, "bench: in-guest size-class allocator instructions per call ");
            // A hooked call is the caller's loop and bl: the body never runs. A round trip to the host takes ~0.1 ms,
            // which a virtual clock that follows real time would count as ~100000 "instructions".
            Assert.That(hooked, Is.InRange(1, 20), run.Transcript);
            Assert.That(inGuest, Is.InRange(5, 50), run.Transcript);
        }

        internal static int Number(ModelRun run, string prefix)
        {
            var line = run.Uart.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            Assert.That(line, Is.Not.Null, run.Transcript);
            return int.Parse(line.Substring(prefix.Length));
        }
    }
}
