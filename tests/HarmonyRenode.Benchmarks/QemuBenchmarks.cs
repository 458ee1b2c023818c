using System;
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
    /// The model over QEMU with firmware/programs/bench.c: hooked LOS_KernelMalloc/LOS_KernelFree calls per second
    /// and host-serviced demand faults per second (host clock, between the first and last stop of each phase), then
    /// the guest instructions each costs, counted by QEMU with -icount shift=0 (PMCCNTR then counts instructions),
    /// against the same loop over a small in-guest allocator.
    /// </summary>
    public static class QemuBenchmarks
    {
        public static void Run(TextWriter output)
        {
            var elf = BuildBench();
            output.WriteLine("QEMU engine (qemu-system-arm over GDB, model in the host), firmware/programs/bench.c");

            var timed = new HookTimingSession(LiteOsModelFactory.CreateSession());
            var run = RunBench(elf, timed, instructionCount: false);
            var calls = timed.Rate("LOS_KernelMalloc", "LOS_KernelFree");
            var faults = timed.Rate(GuestAbi.DataAbortHost);
            output.WriteLine($"  hooked LOS_KernelMalloc/LOS_KernelFree: {calls,10:N0} calls/s ({timed.Count("LOS_KernelMalloc") + timed.Count("LOS_KernelFree")} calls)");
            output.WriteLine($"  host-serviced demand faults:            {faults,10:N0} faults/s ({timed.Count(GuestAbi.DataAbortHost)} faults)");
            output.WriteLine($"  whole run: {run.Elapsed.TotalSeconds:0.00} s, {run.HookStops} stops, {run.Packets} GDB packets");

            var counted = RunBench(elf, LiteOsModelFactory.CreateSession(), instructionCount: true);
            output.WriteLine("  guest instructions (QEMU -icount shift=0, PMCCNTR):");
            output.WriteLine($"    per hooked call:                      {Number(counted, @"guest instructions per hooked call (\d+)"),10}");
            output.WriteLine($"    per call of an in-guest allocator:    {Number(counted, @"in-guest size-class allocator instructions per call (\d+)"),10}");
            OracleBenchmarks.RunQemu(output, elf);
        }

        private static GuestRunResult RunBench(string elf, IGuestSession session, bool instructionCount)
        {
            var options = new QemuOptions { InstructionCount = instructionCount, RunTimeout = TimeSpan.FromMinutes(5) };
            var result = new QemuEngine(options, new ErrorsOnly(), _ => { }).Run(elf, session);
            if (result.ExitCode != 0 || !result.UartLines.Contains("bench: done"))
            {
                throw new InvalidOperationException($"bench.elf failed (exit {result.ExitCode}, {result.Failure}):\n" +
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
        private static string BuildBench()
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
