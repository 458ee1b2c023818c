using HarmonyRenode.Core.Mmu;

namespace HarmonyRenode.Core.Faults
{
    /// <summary>One LosVmSpace as the fault handler uses it.</summary>
    public interface IFaultSpace
    {
        ArchMmu ArchMmu { get; }

        /// <summary>LOS_RegionFind(space, va).</summary>
        bool TryRegionFind(uint va, out FaultRegion region);
    }
}
