using System.Collections.Generic;
using System.Linq;
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
        /// <summary>Spaces with a view; more than this, and the views of freed spaces are dropped at the next new one.</summary>
        private const int ViewsBeforePrune = 64;

        private readonly VmSpaces spaces;

        /// <summary>
        /// One view per space, made at its first fault: the fault path allocates nothing after that. A plain
        /// dictionary, not a ConditionalWeakTable, because Renode's snapshots (Migrant) refuse the weak table's
        /// handles anywhere in the model's graph; views of freed spaces are pruned instead.
        /// </summary>
        private readonly Dictionary<LosVmSpace, Space> views = new Dictionary<LosVmSpace, Space>();

        public VmFaultView(VmSpaces spaces)
        {
            this.spaces = spaces;
        }

        public IFaultSpace? SpaceGet(uint va)
        {
            var space = spaces.LOS_SpaceGet(va);
            if (space == null)
            {
                return null;
            }
            if (!views.TryGetValue(space, out var view))
            {
                if (views.Count >= ViewsBeforePrune)
                {
                    foreach (var freed in views.Keys.Where(s => !s.IsLive).ToList())
                    {
                        views.Remove(freed);
                    }
                }
                view = new Space(space);
                views.Add(space, view);
            }
            return view;
        }

        /// <summary>How many spaces hold a view (tests: freed spaces do not accumulate).</summary>
        public int ViewCount => views.Count;

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
