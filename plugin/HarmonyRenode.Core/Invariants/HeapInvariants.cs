using System.Collections.Generic;
using HarmonyRenode.Core.Heap;

namespace HarmonyRenode.Core.Invariants
{
    /// <summary>
    /// docs/memory-manager.md §8.3: nodes tile each pool span, no two free nodes touch (coalescing is immediate), every free node is
    /// on the list its size selects and the bitmap says which lists are non-empty; the guest's copy of each header
    /// matches the shadow.
    /// </summary>
    public static class HeapInvariants
    {
        public static void Check(MemPool pool, ICollection<InvariantViolation> violations)
        {
            foreach (var corruption in pool.CheckIntegrity())
            {
                violations.Add(new InvariantViolation("heap header", corruption.ToString()));
            }

            var onLists = new HashSet<uint>();
            for (var index = 0; index < MemConstants.FreeListCount; index++)
            {
                var any = false;
                foreach (var node in pool.EnumerateFreeList(index))
                {
                    any = true;
                    if (!onLists.Add(node))
                    {
                        violations.Add(new InvariantViolation("heap free list", $"node 0x{node:x8} is linked twice"));
                    }
                }
                var bit = (pool.GetBitmapWord(index >> 5) >> (index & 31) & 1) != 0;
                if (bit != any)
                {
                    violations.Add(new InvariantViolation("heap bitmap", $"list {index} is {(any ? "non-empty" : "empty")} but its bit is {(bit ? 1 : 0)}"));
                }
            }

            var spans = pool.Spans;
            var expected = spans.Count > 0 ? spans[0].FirstNode : 0;
            var span = 0;
            var previousFree = false;
            var freeNodes = 0;
            foreach (var node in pool.EnumerateNodes())
            {
                if (node.Span != span)
                {
                    span = node.Span;
                    expected = spans[span].FirstNode;
                    previousFree = false;
                }
                if (node.Address != expected)
                {
                    violations.Add(new InvariantViolation("heap tiling", $"node at 0x{node.Address:x8}, expected 0x{expected:x8}"));
                }
                expected = node.Address + (node.IsSentinel ? MemConstants.NodeHeadSize : node.Size);
                if (node.IsSentinel)
                {
                    if (node.Address != spans[span].Sentinel)
                    {
                        violations.Add(new InvariantViolation("heap tiling", $"sentinel at 0x{node.Address:x8}, span ends 0x{spans[span].Sentinel:x8}"));
                    }
                    previousFree = false;
                    continue;
                }
                if (!node.IsUsed)
                {
                    freeNodes++;
                    if (previousFree)
                    {
                        violations.Add(new InvariantViolation("heap coalescing", $"free node 0x{node.Address:x8} follows a free node"));
                    }
                    if (!onLists.Contains(node.Address))
                    {
                        violations.Add(new InvariantViolation("heap free list", $"free node 0x{node.Address:x8} is on no list"));
                    }
                }
                previousFree = !node.IsUsed;
            }
            if (freeNodes != onLists.Count)
            {
                violations.Add(new InvariantViolation("heap free list", $"{onLists.Count} listed nodes, {freeNodes} free nodes"));
            }
        }
    }
}
