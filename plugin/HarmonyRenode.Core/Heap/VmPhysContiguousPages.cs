using HarmonyRenode.Core.Pages;

namespace HarmonyRenode.Core.Heap
{
    /// <summary>
    /// The heap's view of the page allocator. OsVmVaddrToPage walks the kernel tables; for the kernel window the
    /// walk is the fixed offset of OsKVaddrToPaddr, so the page is found arithmetically (docs/memory-manager.md §1.6).
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

        private LosVmPage PageOf(uint kva) => VmZone.IsKernelAddress(kva) ? phys.LOS_VmPageGet(phys.KernelVaToPa(kva)) : null;
    }
}
