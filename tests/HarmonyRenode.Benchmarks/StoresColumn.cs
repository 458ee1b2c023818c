using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>
    /// The README's unit: an operation's median time over the median time of one guest-RAM word store (the baseline)
    /// in the same run. Medians, because on a shared machine a few iterations are always disturbed.
    /// </summary>
    public sealed class StoresColumn : IColumn
    {
        public string Id => nameof(StoresColumn);

        public string ColumnName => "Stores";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Median time per operation in guest-RAM word stores (baseline median), same run";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
            var own = summary[benchmarkCase]?.ResultStatistics;
            var unit = baseline == null ? null : summary[baseline]?.ResultStatistics;
            return own == null || unit == null || unit.Median <= 0 ? "?" : (own.Median / unit.Median).ToString("N1");
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
