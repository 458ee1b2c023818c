using HarmonyRenode.Core.Pages;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>LOS_VmSpaceClone (docs/memory-manager.md §3.9): fork's copy-on-write duplication of a user space.</summary>
    public sealed class VmSpaceClone
    {
        private readonly VmMap map;
        private readonly VmPhys phys;
        private readonly VmLog log;

        public VmSpaceClone(VmMap map, VmPhys phys, VmLog log)
        {
            this.map = map;
            this.phys = phys;
            this.log = log;
        }

        /// <summary>
        /// Every region of <paramref name="oldSpace"/> is duplicated FIXED at the same address in
        /// <paramref name="newSpace"/>; every mapped page gets refCounts++ (managed pages), is re-mapped read-only in
        /// the old space if it was writable, and mapped read-only in the new one. Region flags keep PERM_WRITE in
        /// both, so the next write takes a permission fault and copies (docs/memory-manager.md §5.4).
        /// </summary>
        public VmStatus LOS_VmSpaceClone(uint cloneFlags, LosVmSpace oldSpace, LosVmSpace newSpace)
        {
            using (log.Operation())
            {
                if (oldSpace == null || newSpace == null)
                {
                    log.ErrIfSilent(nameof(LOS_VmSpaceClone), "space is NULL");
                    return VmStatus.InvalidArgs;
                }
                if (oldSpace.IsRegionEmpty || oldSpace == map.Spaces.KernelSpace)
                {
                    log.ErrIfSilent(nameof(LOS_VmSpaceClone), $"cannot clone {oldSpace}: kernel space or no regions");
                    return VmStatus.InvalidArgs;
                }

                newSpace.MapBase = oldSpace.MapBase;
                newSpace.HeapBase = oldSpace.HeapBase;
                newSpace.HeapNow = oldSpace.HeapNow;
                foreach (LosVmMapRegion oldRegion in oldSpace.RegionRbTree.ScanSafe())
                {
                    if (oldRegion.IsShm && (cloneFlags & MmanFlags.CloneNewIpc) != 0)
                    {
                        continue;
                    }
                    var newRegion = map.OsVmRegionDup(newSpace, oldRegion, oldRegion.Base, oldRegion.Size);
                    if (newRegion == null)
                    {
                        log.Err(nameof(LOS_VmSpaceClone), "dup new region failed");
                        return VmStatus.NoMemory;
                    }
                    if (oldRegion.IsShm)
                    {
                        // The child maps the segment's own pages: no copy-on-write for shared memory.
                        map.SharedMemoryLayer.OsShmFork(newSpace, oldRegion, newRegion);
                        continue;
                    }
                    if (oldRegion == oldSpace.Heap)
                    {
                        newSpace.Heap = newRegion;
                    }
                    ShareMappedPages(oldSpace, newSpace, newRegion);
                }
                return VmStatus.NoError;
            }
        }

        private void ShareMappedPages(LosVmSpace oldSpace, LosVmSpace newSpace, LosVmMapRegion newRegion)
        {
            for (uint i = 0; i < newRegion.PageCount; i++)
            {
                var va = newRegion.Base + (i << VmZone.PageShift);
                var (status, pa, flags) = oldSpace.ArchMmu.LOS_ArchMmuQuery(va);
                if (status != VmStatus.NoError)
                {
                    continue;
                }
                var page = phys.LOS_VmPageGet(pa);
                if (page != null)
                {
                    page.RefCounts++;
                }
                var readOnly = flags & ~RegionFlags.PermWrite;
                if ((flags & RegionFlags.PermWrite) != 0)
                {
                    oldSpace.ArchMmu.LOS_ArchMmuUnmap(va, 1);
                    oldSpace.ArchMmu.LOS_ArchMmuMap(va, pa, 1, readOnly);
                }
                newSpace.ArchMmu.LOS_ArchMmuMap(va, pa, 1, readOnly);
            }
        }
    }
}
