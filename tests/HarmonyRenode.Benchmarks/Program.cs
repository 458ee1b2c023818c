using System;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>
    /// `dotnet run -c Release --project tests/HarmonyRenode.Benchmarks`: prints every figure of the project in one run,
    /// each against a baseline measured in the same run. Not a test: nothing here passes or fails on a number.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.WriteLine($"HarmonyRenode benchmarks, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");
            Console.WriteLine();
            if (Array.IndexOf(args, "--qemu-only") < 0)
            {
                Console.WriteLine("model on in-memory guest RAM (64 MiB managed)");
                ModelBenchmarks.Run(Console.Out);
                OracleBenchmarks.RunModel(Console.Out);
            }
            if (Array.IndexOf(args, "--model-only") < 0)
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
