namespace HarmonyRenode.Core.Reporting
{
    /// <summary>What the allocations made from one call site (LR of the hooked call) add up to.</summary>
    public sealed class AllocationSite
    {
        public AllocationSite(uint site, string function)
        {
            Site = site;
            Function = function;
        }

        public uint Site { get; }

        /// <summary>The allocator called from there first (LOS_MemAlloc, LOS_KernelMalloc...).</summary>
        public string Function { get; }

        public long Count { get; set; }

        public long Bytes { get; set; }

        /// <summary>Allocations from this site still live when the recording stopped, and their bytes.</summary>
        public long LiveCount { get; set; }

        public long LiveBytes { get; set; }
    }
}
