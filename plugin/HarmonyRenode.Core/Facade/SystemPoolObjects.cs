using HarmonyRenode.Core.Heap;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Facade
{
    /// <summary>The system pool as the VM layer allocates its structures from it (LOS_MemAlloc / LOS_MemFree on m_aucSysMem0).</summary>
    internal sealed class SystemPoolObjects : IVmObjectHeap
    {
        private readonly MemPool pool;

        public SystemPoolObjects(MemPool pool)
        {
            this.pool = pool;
        }

        public uint LOS_MemAlloc(uint size) => pool.LOS_MemAlloc(size);

        public void LOS_MemFree(uint ptr) => pool.LOS_MemFree(ptr);
    }
}
