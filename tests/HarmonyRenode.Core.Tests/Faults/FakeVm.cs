using System.Collections.Generic;
using HarmonyRenode.Core.Faults;
using HarmonyRenode.Core.Mmu;

namespace HarmonyRenode.Core.Tests.Faults
{
    /// <summary>A VM view with one kernel space and one current user space, regions as plain ranges.</summary>
    public sealed class FakeVm : IFaultVmView
    {
        public FakeSpace Kernel { get; set; }

        public FakeSpace User { get; set; }

        public IFaultSpace SpaceGet(uint va)
        {
            if (VmZone.IsKernelAddress(va) || VmZone.IsVmallocAddress(va))
            {
                return Kernel;
            }
            return VmZone.IsUserAddress(va) ? User : null;
        }
    }

    public sealed class FakeSpace : IFaultSpace
    {
        public FakeSpace(ArchMmu mmu)
        {
            ArchMmu = mmu;
        }

        public ArchMmu ArchMmu { get; }

        public List<FaultRegion> Regions { get; } = new List<FaultRegion>();

        public bool TryRegionFind(uint va, out FaultRegion region)
        {
            foreach (var r in Regions)
            {
                if (va >= r.Base && va - r.Base < r.Size)
                {
                    region = r;
                    return true;
                }
            }
            region = default;
            return false;
        }
    }
}
