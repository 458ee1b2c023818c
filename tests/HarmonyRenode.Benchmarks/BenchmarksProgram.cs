using System;
using System.Collections.Generic;
using BenchmarkDotNet.Running;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>
    /// `dotnet run -c Release --project tests/HarmonyRenode.Benchmarks [-- --model | --qemu | --oracle] [BenchmarkDotNet options]`:
    /// the model's micro-benchmarks under BenchmarkDotNet (<see cref="ModelBenchmarks"/>, each against the guest-RAM
    /// store measured in the same run), then the firmware on QEMU (<see cref="QemuBenchmarks"/>, a plain program: one
    /// run of an emulator is not a micro-benchmark). Not a test: nothing here passes or fails on a number.
    /// </summary>
    public static class BenchmarksProgram
    {
        public static int Main(string[] args)
        {
            var model = true;
            var qemu = true;
            var oracle = false;
            var rest = new List<string>();
            foreach (var arg in args)
            {
                switch (arg)
                {
                    case "--model":
                    case "--model-only":
                        qemu = false;
                        break;
                    case "--qemu":
                    case "--qemu-only":
                        model = false;
                        break;
                    case "--oracle":
                        oracle = true;
                        break;
                    default:
                        rest.Add(arg);
                        break;
                }
            }
            Console.WriteLine($"HarmonyRenode benchmarks, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");
            if (oracle)
            {
                // Only the memory-safety oracle's lines, host side and bench.elf on QEMU, in one run.
                Console.WriteLine();
                OracleBenchmarks.RunModel(Console.Out);
                OracleBenchmarks.RunQemu(Console.Out, QemuBenchmarks.BuildBench());
                return 0;
            }
            if (model)
            {
                Console.WriteLine();
                Console.WriteLine("model on in-memory guest RAM (64 MiB managed)");
                if (!rest.Contains("--filter"))
                {
                    rest.AddRange(new[] { "--filter", "*" });
                }
                BenchmarkSwitcher.FromTypes(new[] { typeof(ModelBenchmarks) }).Run(rest.ToArray(), new ModelBenchmarkConfig());
                Console.WriteLine($"host bytes per managed page: {ModelFootprint.HostBytesPerPage():N0}");
                Console.WriteLine();
                OracleBenchmarks.RunModel(Console.Out);
            }
            if (qemu)
            {
                Console.WriteLine();
                Console.WriteLine("firmware on QEMU: hooked calls and host-serviced faults per engine");
                QemuBenchmarks.Run(Console.Out);
                Console.WriteLine();
                TracingBenchmarks.Run(Console.Out);
            }
            return 0;
        }
    }
}
