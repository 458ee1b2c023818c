using System.Collections.Generic;
using System.Linq;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Tests.Pages
{
    /// <summary>A page allocator booted on arm_virt defaults over in-memory RAM.</summary>
    public sealed class PhysFixture
    {
        public PhysFixture(MemoryConfig config = null)
        {
            Config = config ?? new MemoryConfig();
            Layout = new BootLayout(Config);
            Memory = new InMemoryGuestMemory(Config.RamBase, (int)Config.ManagedSize);
            Log = new RecordingLog();
            Phys = new VmPhys(Config, Layout, Memory, Log);
        }

        public MemoryConfig Config { get; }

        public BootLayout Layout { get; }

        public InMemoryGuestMemory Memory { get; }

        public RecordingLog Log { get; }

        public VmPhys Phys { get; }

        /// <summary>The free lists as (order, head PA) pairs in list order: the allocator's whole observable state.</summary>
        public List<(int Order, uint Pa)> FreeBlocks() =>
            Phys.Segments.SelectMany(s => Enumerable.Range(0, VmPhysSeg.ListOrderMax)
                .SelectMany(o => s.FreeList[o].Select(p => (o, p.PhysAddr)))).ToList();
    }
}
