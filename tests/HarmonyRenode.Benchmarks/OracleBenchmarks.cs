using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HarmonyRenode.Core.Session;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Oracle;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Qemu;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>
    /// What the memory-safety oracle costs, in one run: hooked calls/s and host-serviced faults/s of bench.elf on QEMU
    /// with the oracle off, on (the default), with --sanitize (heap redzones and quarantine, freed page blocks unmapped)
    /// and with --sanitize-sample 4 (every 4th heap block on its own page before a guard page), the modes interleaved and
    /// each repeated (median and range); then the host side alone, LOS_KernelMalloc/LOS_KernelFree pairs dispatched
    /// through the hook table on in-memory RAM, where the oracle's share is not hidden behind the engine, and the
    /// aborts the page sanitizer serves (a use-after-free on a freed page block: reported, page mapped back).
    /// </summary>
    public static class OracleBenchmarks
    {
        private const int Repeats = 3;

        private static readonly (string Name, Func<MemoryOracle> Oracle)[] Modes =
        {
            ("oracle off", () => null),
            ("oracle on", () => new MemoryOracle()),
            ("--sanitize", () => new MemoryOracle(new OracleOptions { Sanitize = true })),
            ("--sanitize-sample 4", () => new MemoryOracle(new OracleOptions { Sanitize = true, SampleInterval = 4 })),
        };

        public static void RunModel(TextWriter output)
        {
            output.WriteLine("  hooked LOS_KernelMalloc + LOS_KernelFree pairs through the hook table (call site read from a CPU):");
            // One discarded round of every mode first (the JIT's tiers), then the modes interleaved, as on QEMU.
            var measured = Modes.ToDictionary(m => m.Name, _ => new List<double>());
            for (var round = -1; round < Repeats; round++)
            {
                foreach (var (name, make) in Modes)
                {
                    var rate = HookPairsPerSecond(make());
                    if (round >= 0)
                    {
                        measured[name].Add(rate);
                    }
                }
            }
            double? baseline = null;
            foreach (var (name, _) in Modes)
            {
                var rates = measured[name].OrderBy(r => r).ToList();
                baseline ??= rates[Repeats / 2];
                output.WriteLine($"    {name,-20} {rates[Repeats / 2],12:N0} pairs/s (range {rates[0]:N0}-{rates[Repeats - 1]:N0}), " +
                    $"{baseline.Value / rates[Repeats / 2]:0.00}x the time of oracle off");
            }
            output.WriteLine("  aborts on a freed 64 KiB page block served by the page sanitizer (finding reported, page mapped back),");
            output.WriteLine("  through the hook table; oracle off/on: the same stores hit mapped pages and take no abort:");
            var faults = Enumerable.Range(0, Repeats).Select(_ => SanitizerFaultsPerSecond()).OrderBy(r => r).ToList();
            output.WriteLine($"    {"--sanitize",-20} {faults[Repeats / 2],12:N0} faults/s (range {faults[0]:N0}-{faults[Repeats - 1]:N0}), " +
                $"{1e6 / faults[Repeats / 2]:0.0} µs/fault (with the block's 64 KiB free and its 16 pages unmapped, shared out)");
        }

        /// <summary>Allocate and free a page block, then one write abort on each of its 16 pages.</summary>
        private static double SanitizerFaultsPerSecond()
        {
            var config = new MemoryConfig();
            var memory = new InMemoryGuestMemory(config.RamBase, (int)config.ManagedSize);
            var model = new MemoryModel(config, memory, new CountingTlb(), new QuietLog());
            var oracle = new MemoryOracle(new OracleOptions { Sanitize = true });
            var api = new OracleMemoryApi(model, oracle, new CallSiteReader(memory, config, config.RamBase, config.RamBase + 0x10000, oracle.Options.FrameDepth));
            var hooks = LosMemoryHooks.Register(new GuestHookTable(), api, model.Events, api);
            var cpu = new BenchCpu();
            cpu.Registers[ArmRegister.Lr] = config.RamBase + 0x100;
            memory.WriteUInt32(config.KernelVaToPa(config.RamBase + 0x200), 0xE5801000); // str r1, [r0]: the faulting instruction
            const uint writeTranslationFault = (1u << 11) | 0x7;
            return Measure.OpsPerSecond(() =>
            {
                cpu.Registers[0] = 64 * 1024;
                var malloc = new HookCall("LOS_KernelMalloc", cpu, memory, config.KernelVaToPa);
                hooks.Dispatch(malloc);
                var block = malloc.Result ?? 0;
                cpu.Registers[0] = block;
                hooks.Dispatch(new HookCall("LOS_KernelFree", cpu, memory, config.KernelVaToPa));
                for (var page = 0u; page < 16; page++)
                {
                    cpu.Registers[0] = writeTranslationFault;
                    cpu.Registers[1] = block + page * 0x1000 + 8;
                    cpu.Registers[2] = config.RamBase + 0x200;
                    cpu.Registers[3] = 0x13;
                    var abort = new HookCall(GuestAbi.DataAbortHost, cpu, memory, config.KernelVaToPa);
                    hooks.Dispatch(abort);
                    if (abort.Result != 0)
                    {
                        throw new InvalidOperationException("the sanitizer did not serve the abort");
                    }
                }
                oracle.ClearFindings();
                return 16;
            });
        }

        public static void RunQemu(TextWriter output, string benchElf)
        {
            output.WriteLine("  bench.elf with the memory-safety oracle (median of 3 interleaved runs, range in brackets):");
            var calls = Modes.ToDictionary(m => m.Name, _ => new List<double>());
            var faults = Modes.ToDictionary(m => m.Name, _ => new List<double>());
            for (var i = 0; i < Repeats; i++)
            {
                foreach (var (name, make) in Modes)
                {
                    var timed = new HookTimingSession(LiteOsModelFactory.CreateSession(oracle: make()));
                    var result = new QemuEngine(new QemuOptions { RunTimeout = TimeSpan.FromMinutes(5) }, new QuietLog(), _ => { }).Run(benchElf, timed);
                    if (result.ExitCode != 0)
                    {
                        throw new InvalidOperationException($"bench.elf ({name}) exited {result.ExitCode}: {result.Failure}");
                    }
                    calls[name].Add(timed.Rate("LOS_KernelMalloc", "LOS_KernelFree"));
                    faults[name].Add(timed.Rate(GuestAbi.DataAbortHost));
                }
            }
            foreach (var (name, _) in Modes)
            {
                output.WriteLine($"    {name,-20} {Median(calls[name]),8:N0} calls/s [{Range(calls[name])}]   {Median(faults[name]),8:N0} faults/s [{Range(faults[name])}]");
            }
        }

        private static double Median(List<double> xs) => xs.OrderBy(x => x).ElementAt(xs.Count / 2);

        private static string Range(List<double> xs) => $"{xs.Min():N0}-{xs.Max():N0}";

        private static double HookPairsPerSecond(MemoryOracle oracle)
        {
            var config = new MemoryConfig();
            var memory = new InMemoryGuestMemory(config.RamBase, (int)config.ManagedSize);
            var model = new MemoryModel(config, memory, new CountingTlb(), new QuietLog());
            var front = oracle == null ? null
                : new OracleMemoryApi(model, oracle, new CallSiteReader(memory, config, config.RamBase, config.RamBase + 0x10000, oracle.Options.FrameDepth));
            var hooks = LosMemoryHooks.Register(new GuestHookTable(), (ILosMemoryApi)front ?? new LosMemoryApi(model), model.Events, front);
            var cpu = new BenchCpu();
            cpu.Registers[ArmRegister.Lr] = config.RamBase + 0x100;
            var sizes = new uint[] { 16, 100, 1000, 24, 3000, 64, 20000, 200 };
            var live = new uint[sizes.Length];
            return Measure.OpsPerSecond(() =>
            {
                for (var i = 0; i < sizes.Length; i++)
                {
                    cpu.Registers[0] = sizes[i];
                    var malloc = new HookCall("LOS_KernelMalloc", cpu, memory, config.KernelVaToPa);
                    hooks.Dispatch(malloc);
                    live[i] = malloc.Result ?? 0;
                }
                for (var i = 0; i < sizes.Length; i++)
                {
                    cpu.Registers[0] = live[i];
                    hooks.Dispatch(new HookCall("LOS_KernelFree", cpu, memory, config.KernelVaToPa));
                }
                return sizes.Length;
            });
        }

        private sealed class BenchCpu : IGuestCpu
        {
            public uint[] Registers { get; } = new uint[16];

            public uint GetRegister(int index) => Registers[index];

            public void SetRegister(int index, uint value) => Registers[index] = value;

            public uint Cpsr => 0x13;
        }
    }
}
