namespace HarmonyRenode.Core.Heap
{
    /// <summary>
    /// The page-allocator calls the heap and kernel malloc make (LOS_PhysPagesAllocContiguous, the head page's nPages,
    /// LOS_PhysPagesFreeContiguous), addressed by kernel-window VA. <see cref="VmPhysContiguousPages"/> is the VmPhys
    /// implementation; tests may substitute their own.
    /// </summary>
    public interface IContiguousPages
    {
        /// <summary>LOS_PhysPagesAllocContiguous: kernel VA of the first page, 0 when exhausted or nPages is 0.</summary>
        uint AllocContiguous(int nPages);

        /// <summary>The nPages of the page holding <paramref name="kva"/>: false when the address is not a managed page of the kernel window.</summary>
        bool TryGetNPages(uint kva, out int nPages);

        /// <summary>LOS_PhysPagesFreeContiguous(kva, nPages): clears nPages on the head page and frees.</summary>
        void FreeContiguous(uint kva, int nPages);
    }
}
