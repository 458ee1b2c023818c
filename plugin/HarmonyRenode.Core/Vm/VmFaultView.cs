using HarmonyRenode.Core.Faults;
using HarmonyRenode.Core.Mmu;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// The VM layer as the fault handler sees it (docs/memory-manager.md §5.2 steps 1 and 3): LOS_SpaceGet on the registry and
    /// LOS_RegionFind in the chosen space, handed over as range, flags and type.
    /// </summary>
    public sealed class VmFaultView : IFaultVmView
    {
        private readonly VmSpaces spaces;

        public VmFaultView(VmSpaces spaces)
        {
            this.spaces = spaces;
        }

        public IFaultSpace SpaceGet(uint va)
        {
            var space = spaces.LOS_SpaceGet(va);
            return space == null ? null : space.FaultView ?? (space.FaultView = new Space(space));
        }

        private sealed class Space : IFaultSpace
        {
            private readonly LosVmSpace space;

            public Space(LosVmSpace space)
            {
                this.space = space;
            }

            public ArchMmu ArchMmu => space.ArchMmu;

            public bool TryRegionFind(uint va, out FaultRegion region)
            {
                var found = VmMap.LOS_RegionFind(space, va);
                region = found == null
                    ? default
                    : new FaultRegion(found.Base, found.Size, found.RegionFlags, (uint)found.RegionType);
                return found != null;
            }
        }
    }
}
