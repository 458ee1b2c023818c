using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HarmonyRenode.Core.Session;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Reporting;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>
    /// What recording the model's events (--trace/--report) costs: bench.c on QEMU with tracing off and on, runs
    /// alternated so both see the same machine load, hooked calls/s and faults/s as medians with their range; then the
    /// same two operations on in-memory RAM, where nothing hides the model's own cost.
    /// </summary>
    public static class TracingBenchmarks
    {
        private const int Runs = 3;

        public static void Run(TextWriter output)
        {
            var elf = QemuBenchmarks.BuildBench();
            output.WriteLine($"tracing off and on, QEMU (shared-memory mailbox), firmware/programs/bench.c ({Runs} runs each, alternated; median [min..max])");
            var calls = new Dictionary<bool, List<double>> { [false] = new List<double>(), [true] = new List<double>() };
            var faults = new Dictionary<bool, List<double>> { [false] = new List<double>(), [true] = new List<double>() };
            long events = 0, traceBytes = 0;
            for (var i = 0; i < Runs; i++)
            {
                foreach (var on in new[] { false, true })
                {
                    MemoryRecorder recorder = null;
                    var inner = on
                        ? new LiteOsGuestSession(LiteOsModelFactory.DefaultManagedSize, (symbols, config, memory, tlb, log) =>
                        {
                            var model = LiteOsModelFactory.CreateModel(symbols, config, memory, tlb, log);
                            recorder = new MemoryRecorder(model, new CallSiteSymbols(symbols).Describe);
                            recorder.Start();
                            return (model, null);
                        })
                        : LiteOsModelFactory.CreateSession();
                    var timed = new HookTimingSession(inner);
                    QemuBenchmarks.RunBench("qemu", elf, timed, instructionCount: false);
                    calls[on].Add(timed.Rate("LOS_KernelMalloc", "LOS_KernelFree"));
                    faults[on].Add(timed.Rate(GuestAbi.DataAbortHost));
                    if (recorder != null)
                    {
                        recorder.Stop();
                        events = recorder.Events.Count;
                        var text = new StringWriter();
                        ChromeTraceWriter.Write(recorder, text);
                        traceBytes = text.GetStringBuilder().Length;
                    }
                }
            }
            output.WriteLine($"  hooked calls/s   off {Spread(calls[false])}   on {Spread(calls[true])}   on/off {Median(calls[true]) / Median(calls[false]):0.00}");
            output.WriteLine($"  faults/s         off {Spread(faults[false])}   on {Spread(faults[true])}   on/off {Median(faults[true]) / Median(faults[false]):0.00}");
            output.WriteLine($"  one traced run: {events:N0} events, {traceBytes / 1024.0:N0} KiB of trace JSON");

            output.WriteLine("tracing off and on, model on in-memory RAM (median of 3 [min..max])");
            var kOff = Repeat(() => KernelMallocPairs(false));
            var kOn = Repeat(() => KernelMallocPairs(true));
            var fOff = Repeat(() => DemandFaults(false));
            var fOn = Repeat(() => DemandFaults(true));
            output.WriteLine($"  LOS_KernelMalloc+Free pairs/s   off {Spread(kOff)}   on {Spread(kOn)}   on/off {Median(kOn) / Median(kOff):0.00}");
            output.WriteLine($"  demand faults/s                 off {Spread(fOff)}   on {Spread(fOn)}   on/off {Median(fOn) / Median(fOff):0.00}");
        }

        private static List<double> Repeat(Func<double> measure) => Enumerable.Range(0, Runs).Select(_ => measure()).ToList();

        private static double KernelMallocPairs(bool traced)
        {
            var (model, recorder) = Model(traced);
            var rate = Measure.OpsPerSecond(() =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    model.LOS_KernelFree(model.LOS_KernelMalloc((uint)(16 + (i & 255) * 8)));
                }
                return 1000;
            });
            recorder?.Stop();
            return rate;
        }

        private static double DemandFaults(bool traced)
        {
            var (model, recorder) = Model(traced);
            var space = model.OsCreateUserVmSpace();
            model.ActivateSpace(space);
            var guest = new LosMemoryApi(model);
            const uint pages = 256;
            var rate = Measure.OpsPerSecond(() =>
            {
                var va = model.LOS_MMap(0, pages << 12, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);
                for (var i = 0u; i < pages; i++)
                {
                    // A user store to a page never touched: translation fault, page, write (as QEMU reports it).
                    guest.OsArmSharedPageFault(false, 0x7 | (1u << 11), va + (i << 12), 0x10);
                }
                model.LOS_UnMMap(va, pages << 12);
                return (int)pages;
            });
            recorder?.Stop();
            return rate;
        }

        private static (MemoryModel, MemoryRecorder) Model(bool traced)
        {
            var config = new MemoryConfig { ManagedSize = 64u << 20 };
            var model = new MemoryModel(config, new Core.Ports.InMemoryGuestMemory(config.RamBase, (int)config.ManagedSize),
                new CountingTlb(), new QuietLog());
            MemoryRecorder recorder = null;
            if (traced)
            {
                recorder = new MemoryRecorder(model);
                recorder.Start();
            }
            return (model, recorder);
        }

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted[sorted.Count / 2];
        }

        private static string Spread(List<double> values) => $"{Median(values),9:N0} [{values.Min():N0}..{values.Max():N0}]";
    }
}
