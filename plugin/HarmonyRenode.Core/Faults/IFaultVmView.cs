namespace HarmonyRenode.Core.Faults
{
    /// <summary>
    /// The VM layer as the fault handler sees it (docs/memory-manager.md §5.2): LOS_SpaceGet and, per space, LOS_RegionFind and the
    /// space's ArchMmu. The VM layer implements it; the dependency points from faults to VM, as in the kernel.
    /// </summary>
    public interface IFaultVmView
    {
        /// <summary>
        /// LOS_SpaceGet(va): kernel address → kernel space, user address → the current process's space, vmalloc address →
        /// vmalloc space, anything else → null.
        /// </summary>
        IFaultSpace? SpaceGet(uint va);
    }
}
