using HarmonyRenode.Core.Pages;

namespace HarmonyRenode.Core.Heap
{
    /// <summary>
    /// The heap's view of the page allocator. The heap below the page tables only ever holds kernel-window addresses,
    /// where the kernel's table walk (Vm's OsVmVaddrToPage) gives what OsKVaddrToPaddr's fixed offset gives, so the page
    /// is found by that offset (docs/memory-manager.md §1.6); any other address has no page here.
    /// </summary>
    public sealed class VmPhysContiguousPages : IContiguousPages
    {
        private readonly VmPhys phys;

        public VmPhysContiguousPages(VmPhys phys)
        {
            this.phys = phys;
        }

        public uint AllocContiguous(int nPages) => phys.LOS_PhysPagesAllocContiguous(nPages);

        public bool TryGetNPages(uint kva, out int nPages)
        {
            var page = PageOf(kva);
            nPages = page?.NPages ?? 0;
            return page != null;
        }

        public void FreeContiguous(uint kva, int nPages) => phys.LOS_PhysPagesFreeContiguous(PageOf(kva), nPages);

        /// <summary>OsKVaddrToPaddr, then OsVmPaddrToPage (LOS_VmPageGet).</summary>
        private LosVmPage? PageOf(uint kva) => VmZone.IsKernelAddress(kva) ? phys.LOS_VmPageGet(phys.KernelVaToPa(kva)) : null;
    }
}
