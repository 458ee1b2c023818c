using System;
using System.Diagnostics;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>
    /// Runs a workload until it has taken long enough to time reliably and reports operations per second.
    /// A warm-up round first, so the JIT is out of the numbers.
    /// </summary>
    public static class Measure
    {
        public static double OpsPerSecond(Func<int> round, double minSeconds = 0.5)
        {
            round();
            var watch = Stopwatch.StartNew();
            long ops = 0;
            do
            {
                ops += round();
            }
            while (watch.Elapsed.TotalSeconds < minSeconds);
            return ops / watch.Elapsed.TotalSeconds;
        }

        public static double Seconds(Action action)
        {
            action();
            var watch = Stopwatch.StartNew();
            var runs = 0;
            do
            {
                action();
                runs++;
            }
            while (watch.Elapsed.TotalSeconds < 0.5);
            return watch.Elapsed.TotalSeconds / runs;
        }
    }
}
