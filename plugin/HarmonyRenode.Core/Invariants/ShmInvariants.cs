using System.Collections.Generic;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Vm;
using HarmonyRenode.Core.Vm.Shm;

namespace HarmonyRenode.Core.Invariants
{
    /// <summary>
    /// System V shared memory (docs/memory-manager.md §8.7): a used segment holds exactly its size in
    /// allocated pages, each marked shared, and g_shmUsedPageCount is their sum; a free entry holds none; every SHM
    /// region of a live space belongs to a used segment, has its size and maps, page by page, that segment's pages and
    /// nothing else; shm_nattch is the number of such regions, and each segment page holds one reference per mapping
    /// (also when no one attaches it: then 0, which the table rules cannot see because it is mapped nowhere).
    /// </summary>
    public static class ShmInvariants
    {
        public static void Check(MemoryModel manager, ICollection<InvariantViolation> violations)
        {
            var shm = manager.Vm.Shm;
            var segs = shm.Segments;
            if (segs == null)
            {
                return;
            }
            var phys = manager.Phys;
            var attaches = new int[segs.Count];
            var mappings = new Dictionary<LosVmPage, int>();
            foreach (var space in manager.Vm.Spaces.SpaceList)
            {
                foreach (var region in space.Regions)
                {
                    if (region.IsShm)
                    {
                        CheckRegion(space, region, segs, attaches, mappings, violations);
                    }
                }
            }
            uint usedPages = 0;
            foreach (var seg in segs)
            {
                var count = 0;
                foreach (var page in seg.Pages)
                {
                    count++;
                    if (phys.IsFree(page))
                    {
                        violations.Add(new InvariantViolation("shm page ownership", $"{seg} holds free {page}"));
                    }
                    if ((page.Flags & (1u << VmMap.FilePageSharedBit)) == 0)
                    {
                        violations.Add(new InvariantViolation("shm page ownership", $"{page} of {seg} is not marked shared"));
                    }
                    mappings.TryGetValue(page, out var mapped);
                    if (page.RefCounts != mapped)
                    {
                        violations.Add(new InvariantViolation("shm refcount", $"{page} of {seg} is mapped {mapped} times"));
                    }
                }
                if (!seg.IsUsed)
                {
                    if (count != 0)
                    {
                        violations.Add(new InvariantViolation("shm segment pages", $"free {seg} holds {count} pages"));
                    }
                    continue;
                }
                usedPages += seg.Ds.Segsz >> VmZone.PageShift;
                if (count != (int)(seg.Ds.Segsz >> VmZone.PageShift))
                {
                    violations.Add(new InvariantViolation("shm segment pages", $"{seg} holds {count} pages"));
                }
                if (seg.Ds.Nattch != attaches[seg.Index])
                {
                    violations.Add(new InvariantViolation("shm attach count", $"{seg} is attached by {attaches[seg.Index]} regions"));
                }
            }
            if (usedPages != shm.UsedPageCount)
            {
                violations.Add(new InvariantViolation("shm segment pages", $"used segments hold {usedPages} pages, g_shmUsedPageCount says {shm.UsedPageCount}"));
            }
        }

        private static void CheckRegion(LosVmSpace space, LosVmMapRegion region, IReadOnlyList<ShmIdSource> segs, int[] attaches,
            Dictionary<LosVmPage, int> mappings, ICollection<InvariantViolation> violations)
        {
            if (region.Shmid < 0 || region.Shmid >= segs.Count || !segs[region.Shmid].IsUsed)
            {
                violations.Add(new InvariantViolation("shm attach count", $"{region} of {space} names shmid {region.Shmid}, which is not in use"));
                return;
            }
            var seg = segs[region.Shmid];
            attaches[seg.Index]++;
            if (region.Size != seg.Ds.Segsz)
            {
                violations.Add(new InvariantViolation("shm mapping", $"{region} of {space} is not the size of {seg}"));
            }
            var va = region.Base;
            foreach (var page in seg.Pages)
            {
                if (va > region.EndAddr)
                {
                    break;
                }
                var query = space.ArchMmu.LOS_ArchMmuQuery(va);
                if (query.IsMapped)
                {
                    var pa = query.Pa;
                    if ((pa & ~(VmZone.PageSize - 1)) != page.PhysAddr)
                    {
                        violations.Add(new InvariantViolation("shm mapping", $"0x{va:x8} of {space} maps 0x{pa:x8}, not {page} of {seg}"));
                    }
                    else
                    {
                        mappings.TryGetValue(page, out var count);
                        mappings[page] = count + 1;
                    }
                }
                va += VmZone.PageSize;
            }
        }
    }
}
