using HarmonyRenode.Core.Ports;
using static HarmonyRenode.Core.Heap.MemConstants;

namespace HarmonyRenode.Core.Heap
{
    /// <summary>LOS_MemAlloc / LOS_MemFree and the node split/merge they share (docs/memory-manager.md §2.4-2.5).</summary>
    public sealed partial class MemPool
    {
        /// <summary>LOS_MemAlloc(pool, size): kernel VA of the payload, or 0.</summary>
        public uint LOS_MemAlloc(uint size)
        {
            RequireInit();
            if (size == 0)
            {
                // LiteOS returns NULL silently for size 0 (the NULL-pool boot fallback needs size > 0).
                log.Log(LogLevel.Warning, "LOS_MemAlloc: size 0, returning NULL");
                return 0;
            }
            if (size < MinAllocSize)
            {
                size = MinAllocSize;
            }
            if ((size & (UsedFlag | AlignedFlag)) != 0)
            {
                log.Log(LogLevel.Warning, $"LOS_MemAlloc: size 0x{size:x} has the USED/ALIGNED bits, returning NULL");
                return 0;
            }
            return OsMemAlloc(size);
        }

        /// <summary>OsMemAlloc: good-fit, expand and retry, split when the remainder can hold a free node.</summary>
        private uint OsMemAlloc(uint size)
        {
            var allocSize = Round4(size + NodeHeadSize);
            string? expandFailure = null;
            while (true)
            {
                var node = OsMemFreeNodeGet(allocSize);
                if (node != 0)
                {
                    ref var n = ref N(node);
                    if (allocSize + SplitThreshold <= n.SizeAndFlag)
                    {
                        OsMemSplitNode(node, allocSize);
                    }
                    SetSizeAndFlag(ref n, node, n.SizeAndFlag | UsedFlag);
                    return node + NodeHeadSize;
                }
                if (ExpandEnabled && OsMemPoolExpand(allocSize, ref expandFailure))
                {
                    continue;
                }
                // LiteOS prints a dashed box with the pool info table around this line; one line here.
                log.Log(LogLevel.Error, $"[OsMemAlloc] No suitable free block, require free node size: 0x{allocSize:x}"
                    + (expandFailure != null ? $" ({expandFailure})" : ""));
                return 0;
            }
        }

        /// <summary>
        /// OsMemSplitNode: the tail becomes a free node; a free node after it is merged in immediately.
        /// The node's sizeAndFlag must be a bare size (free, or reset by realloc).
        /// </summary>
        private void OsMemSplitNode(uint node, uint allocSize)
        {
            var span = SpanOf(node)!; // node is a node of the pool
            ref var n = ref span.Nodes[span.IndexOf(node)];
            // The remainder's size stays in a register: the new free node's shadow is usually a cold cache line, and
            // reading it back would wait for that line (measured: the split's hottest instruction).
            var remainder = n.SizeAndFlag - allocSize;
            var newFree = node + allocSize;
            var next = newFree + remainder;
            ref var f = ref span.Nodes[span.IndexOf(newFree)];
            ref var x = ref span.Nodes[span.IndexOf(next)];
            SetPtr(ref f, newFree, node);
            SetSizeAndFlag(ref f, newFree, remainder);
            SetSizeAndFlag(ref n, node, allocSize);

            if ((x.SizeAndFlag & LastFlag) == 0)
            {
                SetPtr(ref x, next, newFree);
                if ((x.SizeAndFlag & UsedFlag) == 0)
                {
                    OsMemFreeNodeDelete(next, ref x);
                    OsMemMergeNode(next);
                    OsMemFreeNodeAdd(newFree, ref f);
                    return;
                }
            }
            OsMemListAdd(ListIndexOf(remainder), newFree, ref f);
        }

        /// <summary>OsMemMergeNode: node joins its physical predecessor; its own head becomes payload.</summary>
        private void OsMemMergeNode(uint node)
        {
            var span = SpanOf(node)!; // node is a node of the pool
            ref var n = ref span.Nodes[span.IndexOf(node)];
            var prev = n.Ptr;
            ref var p = ref span.Nodes[span.IndexOf(prev)];
            SetSizeAndFlag(ref p, prev, p.SizeAndFlag + n.SizeAndFlag);
            var next = node + n.SizeAndFlag;
            ref var x = ref span.Nodes[span.IndexOf(next)];
            if ((x.SizeAndFlag & LastFlag) == 0)
            {
                SetPtr(ref x, next, prev);
            }
            n = default;
        }

        /// <summary>LOS_MemFree(pool, ptr): LosReturn.Ok, or Nok with one log line and nothing changed.</summary>
        public uint LOS_MemFree(uint ptr)
        {
            RequireInit();
            if (ptr == 0 || (ptr & (AlignSize - 1)) != 0)
            {
                log.Log(LogLevel.Error, $"LOS_MemFree: pointer 0x{ptr:x} is NULL or not 4-byte aligned");
                return LosReturn.Nok;
            }
            var node = ptr - NodeHeadSize;
            var offset = node - mainFirst;
            if (offset <= mainLastOffset && (mainNodes[offset >> MemPoolSpan.GranuleShift].SizeAndFlag & FlagMask) == UsedFlag
                && IsMainUsedNodeStart(node, offset))
            {
                // A plain used node of the initial pool: the word before ptr is its own sizeAndFlag, so ResolveNode
                // gives node and OsMemCheckUsedNode's shadow test passes; what is left of the check is the guest's copy.
                if (VerifyGuestHeadersOnFree && !GuestHeadersAgree(main, node, ptr, "OsMemFree check error!"))
                {
                    return LosReturn.Nok;
                }
                OsMemFree(node);
                return LosReturn.Ok;
            }
            node = ResolveNode(ptr, ptr - NodeHeadSize, "LOS_MemFree");
            if (node == 0)
            {
                return LosReturn.Nok;
            }
            if (!OsMemCheckUsedNode(node, ptr, "OsMemFree check error!"))
            {
                return LosReturn.Nok;
            }
            OsMemFree(node);
            return LosReturn.Ok;
        }

        /// <summary>
        /// The gapSize logic of LOS_MemFree / OsGetRealPtr (docs/memory-manager.md §2.5): the word at ptr-4 is the node's own
        /// sizeAndFlag for a plain allocation or (gap | ALIGNED) for an aligned one. Returns the node, or 0 after
        /// logging. gapLimit differs: LOS_MemFree bounds the gap by ptr-12, OsGetRealPtr by ptr-12-pool.
        /// </summary>
        private uint ResolveNode(uint ptr, uint gapLimit, string caller)
        {
            var word = WordBefore(ptr);
            if ((word & AlignedFlag) != 0 && (word & UsedFlag) != 0)
            {
                log.Log(LogLevel.Error, $"[{caller}]gapSize:0x{word:x} error");
                return 0;
            }
            var node = ptr - NodeHeadSize;
            if ((word & AlignedFlag) != 0)
            {
                var gap = word & ~AlignedFlag;
                if ((gap & (AlignSize - 1)) != 0 || gap > gapLimit)
                {
                    log.Log(LogLevel.Error, $"[{caller}]illegal gapSize: 0x{gap:x}");
                    return 0;
                }
                node = ptr - gap - NodeHeadSize;
            }
            return node;
        }

        /// <summary>OsMemFree after the check: clear flags, coalesce both sides, shrink or insert.</summary>
        private void OsMemFree(uint node)
        {
            ref var n = ref N(node);
            DropAlignment(ref n, node);
            SetSizeAndFlag(ref n, node, NodeSize(n.SizeAndFlag));

            var prev = n.Ptr;
            if (prev != 0)
            {
                ref var p = ref N(prev);
                if ((p.SizeAndFlag & UsedFlag) == 0)
                {
                    OsMemFreeNodeDelete(prev, ref p);
                    OsMemMergeNode(node);
                    node = prev;
                }
            }

            ref var m = ref N(node);
            var next = node + m.SizeAndFlag;
            ref var x = ref N(next);
            if ((x.SizeAndFlag & UsedFlag) == 0)
            {
                OsMemFreeNodeDelete(next, ref x);
                OsMemMergeNode(next);
            }

            // The first node of an expansion points "back" at its own end sentinel (docs/memory-manager.md §2.5).
            if (ExpandEnabled && m.Ptr != 0 && m.Ptr > node && TryShrinkPool(node))
            {
                return;
            }
            OsMemFreeNodeAdd(node, ref m);
        }
    }
}
