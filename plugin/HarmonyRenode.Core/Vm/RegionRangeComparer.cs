namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// OsRegionRbCmpKeyFn (docs/memory-manager.md §3.3): compares a key range A with a node range B. Not a total order:
    /// A inside B or A covering B is EQUAL, but a key overlapping only the start of B is SMALLER and one
    /// overlapping only its end is BIGGER, so a single lookup does not find partial overlaps (quirk).
    /// </summary>
    public static class RegionRangeComparer
    {
        public static RbCompareResult OsRegionRbCmpKeyFn(LosVmMapRange a, LosVmMapRange b)
        {
            var startA = a.Base;
            var endA = a.End;
            var startB = b.Base;
            var endB = b.End;

            if (startA > endB)
            {
                return RbCompareResult.Bigger;
            }
            if (startA >= startB)
            {
                return endA <= endB ? RbCompareResult.Equal : RbCompareResult.Bigger;
            }
            // startA < startB: the kernel's later branches are unreachable.
            return endA >= endB ? RbCompareResult.Equal : RbCompareResult.Smaller;
        }
    }
}
