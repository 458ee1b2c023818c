using HarmonyRenode.Core.Session;
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Qemu;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>
    /// The model over QEMU with firmware/programs/bench.c, per engine: hooked LOS_KernelMalloc/LOS_KernelFree calls per
    /// second and host-serviced demand faults per second (host clock, between the first and last call of each phase),
    /// medians of several runs with their spread, each engine also as a ratio to the GDB-breakpoint engine measured in
    /// the same run; then the guest instructions a hooked call costs, counted by QEMU with -icount shift=0.
    /// </summary>
    public static class QemuBenchmarks
    {
        private const int Runs = 5;

        public static void Run(TextWriter output)
        {
            var elf = BuildBench();
            output.WriteLine($"firmware/programs/bench.c (4,000 hooked calls, 1,024 demand faults a run), median of {Runs} runs [min..max]");
            var figures = new Dictionary<string, (Figure Calls, Figure Faults)>();
            foreach (var engine in new[] { "qemu", "qemu-gdb" })
            {
                var calls = new List<double>();
                var faults = new List<double>();
                for (var i = 0; i < Runs; i++)
                {
                    var timed = new HookTimingSession(LiteOsModelFactory.CreateSession());
                    RunBench(engine, elf, timed, instructionCount: false);
                    calls.Add(timed.Rate("LOS_KernelMalloc", "LOS_KernelFree"));
                    faults.Add(timed.Rate(GuestAbi.DataAbortHost));
                }
                figures[engine] = (new Figure(calls), new Figure(faults));
            }
            var gdb = figures["qemu-gdb"];
            output.WriteLine("  engine                       hooked calls/s              µs/call   faults/s                    µs/fault  vs qemu-gdb (calls, faults)");
            foreach (var pair in figures)
            {
                var (calls, faults) = pair.Value;
                output.WriteLine($"  {Name(pair.Key),-28} {calls,-27} {1e6 / calls.Median,8:0.0}   {faults,-27} {1e6 / faults.Median,8:0.0}  " +
                    $"{calls.Median / gdb.Calls.Median,6:0.0}x {faults.Median / gdb.Faults.Median,6:0.0}x");
            }

            output.WriteLine("  guest instructions per hooked call (QEMU -icount shift=0, PMCCNTR; an in-guest allocator for comparison):");
            foreach (var engine in new[] { "qemu", "qemu-gdb" })
            {
                var counted = RunBench(engine, elf, LiteOsModelFactory.CreateSession(), instructionCount: true);
                output.WriteLine($"    {Name(engine),-28} {Number(counted, @"guest instructions per hooked call (\d+)"),8} " +
                    $"(in-guest allocator: {Number(counted, @"in-guest size-class allocator instructions per call (\d+)")})");
            }
            OracleBenchmarks.RunQemu(output, elf);
        }

        private static string Name(string engine) => engine == "qemu" ? "qemu (shared-memory mailbox)" : "qemu-gdb (GDB breakpoints)";

        private sealed class Figure
        {
            public Figure(IEnumerable<double> samples)
            {
                var sorted = samples.OrderBy(x => x).ToArray();
                Median = sorted[sorted.Length / 2];
                Min = sorted[0];
                Max = sorted[sorted.Length - 1];
            }

            public double Median { get; }

            public double Min { get; }

            public double Max { get; }

            public override string ToString() => $"{Median,9:N0} [{Min:N0}..{Max:N0}]";
        }

        internal static GuestRunResult RunBench(string engine, string elf, IGuestSession session, bool instructionCount)
        {
            var options = new QemuOptions { InstructionCount = instructionCount, RunTimeout = TimeSpan.FromMinutes(5) };
            IFirmwareEngine runner = engine == "qemu-gdb"
                ? new QemuGdbEngine(options, new ErrorsOnly(), _ => { })
                : new QemuEngine(options, new ErrorsOnly(), _ => { });
            var result = runner.Run(elf, session);
            if (result.ExitCode != 0 || !result.UartLines.Contains("bench: done"))
            {
                throw new InvalidOperationException($"bench.elf failed on {engine} (exit {result.ExitCode}, {result.Failure}):\n" +
                    string.Join("\n", result.UartLines));
            }
            return result;
        }

        private static string Number(GuestRunResult run, string pattern)
        {
            var match = run.UartLines.Select(l => Regex.Match(l, pattern)).FirstOrDefault(m => m.Success);
            return match == null ? "?" : match.Groups[1].Value;
        }

        /// <summary>make the bench firmware in the checkout this assembly was built from.</summary>
        internal static string BuildBench()
        {
            var firmware = Path.Combine(RepoRoot(), "firmware");
            var make = Process.Start(new ProcessStartInfo("make", "-s build/bench.elf") { WorkingDirectory = firmware, UseShellExecute = false });
            make.WaitForExit();
            if (make.ExitCode != 0)
            {
                throw new InvalidOperationException("make build/bench.elf failed (install: apt-get install -y make gcc-arm-none-eabi qemu-system-arm)");
            }
            return Path.Combine(firmware, "build", "bench.elf");
        }

        private static string RepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "HarmonyRenode.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("no HarmonyRenode.sln above " + AppContext.BaseDirectory);
        }

        private sealed class ErrorsOnly : ILogSink
        {
            public void Log(LogLevel level, string message)
            {
                if (level >= LogLevel.Error)
                {
                    Console.Error.WriteLine($"[qemu bench] {message}");
                }
            }
        }
    }
}
