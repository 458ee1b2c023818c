using System.Collections.Generic;
using HarmonyRenode.Core.Pages;

namespace HarmonyRenode.Core.Invariants
{
    /// <summary>
    /// docs/memory-manager.md §8.1–8.2: free blocks are naturally aligned, inside their segment, disjoint, headed by a page whose order
    /// names its list; no page is both free and owned elsewhere; free pages hold no references; the model's free-page bits
    /// (its double-free check) mark exactly the pages of the free blocks.
    /// </summary>
    public static class PageInvariants
    {
        public static void Check(VmPhys phys, ICollection<InvariantViolation> violations)
        {
            var freeOwner = new LosVmPage[phys.TotalPageCount];
            foreach (var seg in phys.Segments)
            {
                for (var order = 0; order < VmPhysSeg.ListOrderMax; order++)
                {
                    var list = seg.FreeList[order];
                    var counted = 0;
                    foreach (var head in list)
                    {
                        counted++;
                        CheckBlock(phys, seg, order, head, freeOwner, violations);
                    }
                    if (counted != list.Count)
                    {
                        violations.Add(new InvariantViolation("free list count", $"{list.Name} counts {list.Count} but links {counted}"));
                    }
                }
            }
            foreach (var page in phys.Pages)
            {
                if (freeOwner[page.Index] == null && page.Order != LosVmPage.NoOrder && IsFreeListOwned(page))
                {
                    violations.Add(new InvariantViolation("page ownership", $"{page} heads no free block but is on {page.List?.Name}"));
                }
                if (phys.IsFree(page) != (freeOwner[page.Index] != null))
                {
                    violations.Add(new InvariantViolation("free page index", $"{page} is {(phys.IsFree(page) ? "marked free outside" : "not marked free inside")} a free block"));
                }
                if (freeOwner[page.Index] == null && page.RefCounts < 0)
                {
                    violations.Add(new InvariantViolation("refcount", $"{page} has a negative count"));
                }
            }
        }

        private static void CheckBlock(VmPhys phys, VmPhysSeg seg, int order, LosVmPage head, LosVmPage[] freeOwner, ICollection<InvariantViolation> violations)
        {
            var pages = 1 << order;
            if (head.Order != order)
            {
                violations.Add(new InvariantViolation("free list order", $"{head} is on freeList[{order}]"));
            }
            if ((head.PhysAddr & ((VmZone.PageSize << order) - 1)) != 0)
            {
                violations.Add(new InvariantViolation("buddy alignment", $"{head} is not aligned to order {order}"));
            }
            if (!seg.Contains(head.PhysAddr) || head.Index - seg.PageBase + pages > seg.PageCount)
            {
                violations.Add(new InvariantViolation("segment bounds", $"{head} order {order} leaves segment {seg.Id}"));
                return;
            }
            for (var i = head.Index; i < head.Index + pages; i++)
            {
                var page = phys.Pages[i];
                if (freeOwner[i] != null)
                {
                    violations.Add(new InvariantViolation("free blocks overlap", $"{page} is in the block of {freeOwner[i]} and of {head}"));
                }
                freeOwner[i] = head;
                if (page.RefCounts != 0)
                {
                    violations.Add(new InvariantViolation("refcount", $"free {page} has refCounts {page.RefCounts}"));
                }
                if (i != head.Index && page.List != null)
                {
                    violations.Add(new InvariantViolation("page ownership", $"free {page} is also on {page.List.Name}"));
                }
            }
        }

        private static bool IsFreeListOwned(LosVmPage page) => page.List != null && page.List.Name.Contains("freeList");
    }
}
