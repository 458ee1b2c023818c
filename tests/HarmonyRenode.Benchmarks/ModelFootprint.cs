using HarmonyRenode.Core.Facade;
using System;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>What the model keeps on the host for the RAM it manages.</summary>
    public static class ModelFootprint
    {
        /// <summary>Managed heap grown by booting a model on 64 MiB, less the guest RAM array, per managed page.</summary>
        public static long HostBytesPerPage()
        {
            var config = new MemoryConfig { ManagedSize = 0x04000000 };
            var memory = new InMemoryGuestMemory(config.RamBase, (int)config.ManagedSize);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalMemory(true);
            var m = new MemoryModel(config, memory, new CountingTlb(), new QuietLog());
            var after = GC.GetTotalMemory(true);
            GC.KeepAlive(m);
            GC.KeepAlive(memory);
            return (after - before) / (config.ManagedSize / VmZone.PageSize);
        }
    }
}
