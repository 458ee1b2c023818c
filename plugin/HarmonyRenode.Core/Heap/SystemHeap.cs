using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Heap
{
    /// <summary>OsKHeapInit (docs/memory-manager.md §1.3): m_aucSysMem0 = m_aucSysMem1 = the boot heap, expansion enabled.</summary>
    public static class SystemHeap
    {
        public static MemPool? OsKHeapInit(BootLayout layout, IGuestMemory memory, MemoryConfig config, ILogSink log, IContiguousPages pages)
        {
            var pool = new MemPool(memory, config, log, pages);
            if (pool.OsMemPoolInit(layout.HeapBase, layout.HeapSize) != LosReturn.Ok)
            {
                return null;
            }
            pool.LOS_MemExpandEnable();
            return pool;
        }

        public static MemPool? OsKHeapInit(VmPhys phys, BootLayout layout, IGuestMemory memory, MemoryConfig config, ILogSink log) =>
            OsKHeapInit(layout, memory, config, log, new VmPhysContiguousPages(phys));
    }
}
