using System.Runtime.CompilerServices;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Faults
{
    /// <summary>
    /// The VM layer as the fault handler sees it (docs/memory-manager.md §5.2 steps 1 and 3): LOS_SpaceGet on the registry and
    /// LOS_RegionFind in the chosen space, handed over as range, flags and type.
    /// </summary>
    public sealed class VmFaultView : IFaultVmView
    {
        private static readonly ConditionalWeakTable<LosVmSpace, Space>.CreateValueCallback NewSpace = s => new Space(s);

        private readonly VmSpaces spaces;

        /// <summary>One view per space, made at its first fault and dropped with the space: the fault path allocates nothing after that.</summary>
        private readonly ConditionalWeakTable<LosVmSpace, Space> views = new ConditionalWeakTable<LosVmSpace, Space>();

        public VmFaultView(VmSpaces spaces)
        {
            this.spaces = spaces;
        }

        public IFaultSpace SpaceGet(uint va)
        {
            var space = spaces.LOS_SpaceGet(va);
            return space == null ? null : views.GetValue(space, NewSpace);
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
