using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>
    /// A short in-process job (no generated project to build, a few minutes for every workload): 3 warm-up and 9
    /// measured iterations of ~0.2 s each, median and spread, bytes allocated per operation, ratio to the baseline, and
    /// the baseline's unit ("stores": median over the baseline's median). Timed in thread CPU time where Linux has it.
    /// </summary>
    public sealed class ModelBenchmarkConfig : ManualConfig
    {
        public ModelBenchmarkConfig()
        {
            var job = Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(9)
                .WithIterationTime(TimeInterval.FromMilliseconds(200))
                .WithId("short");
            if (ThreadCpuTimeBenchmarkClock.Instance.IsAvailable)
            {
                job = job.WithClock(ThreadCpuTimeBenchmarkClock.Instance).WithId("short-cpu");
            }
            AddJob(job);
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max, new StoresColumn());
            AddColumnProvider(DefaultColumnProviders.Instance);
            AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
            WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
            WithOptions(ConfigOptions.DisableLogFile);
        }
    }
}
