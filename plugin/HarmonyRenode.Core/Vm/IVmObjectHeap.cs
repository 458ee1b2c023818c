namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// The system pool as los_vm_map.c uses it for its own structures: LOS_MemAlloc(m_aucSysMem0, size) and
    /// LOS_MemFree(m_aucSysMem0, ptr). The VM layer does not know the heap; the facade hands it this view of it.
    /// </summary>
    public interface IVmObjectHeap
    {
        /// <summary>LOS_MemAlloc: kernel VA of the block, 0 when the pool (expanded as the kernel would) has no room.</summary>
        uint LOS_MemAlloc(uint size);

        /// <summary>LOS_MemFree.</summary>
        void LOS_MemFree(uint ptr);
    }
}
