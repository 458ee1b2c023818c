using System;
using HarmonyRenode.Core.Ports;
using static HarmonyRenode.Core.Heap.MemConstants;

namespace HarmonyRenode.Core.Heap
{
    /// <summary>Pool expansion from contiguous pages, the sentinel chain, and shrinking (docs/memory-manager.md §2.7, §2.5).</summary>
    public sealed partial class MemPool
    {
        /// <summary>OsMemPoolExpand: max(pool/8, request); one retry with just the request if that is smaller.</summary>
        private bool OsMemPoolExpand(uint allocSize, ref string? failure)
        {
            var expandDefault = LOS_MemPoolSizeGet() >> 3;
            var expandSize = Math.Max(expandDefault, allocSize);
            var tryCount = 1;
            do
            {
                if (OsMemPoolExpandSub(expandSize, ref failure))
                {
                    return true;
                }
                if (allocSize > expandDefault)
                {
                    break;
                }
                expandSize = allocSize;
            }
            while (tryCount-- > 0);
            return false;
        }

        /// <summary>
        /// OsMemPoolExpandSub. LiteOS retries twice after OsTryShrinkMemory (page-cache reclaim); the model has no
        /// page cache, so a retry could not find more pages and is not modelled.
        /// </summary>
        private bool OsMemPoolExpandSub(uint size, ref string? failure)
        {
            if (size > uint.MaxValue - NodeHeadSize - VmZone.PageSize)
            {
                failure = $"OsMemPoolExpand alloc failed size = {size}";
                return false;
            }
            size = (size + NodeHeadSize + VmZone.PageSize - 1) & ~(VmZone.PageSize - 1);
            var newNode = pages == null ? 0 : pages.AllocContiguous((int)(size >> VmZone.PageShift));
            if (newNode == 0)
            {
                failure = $"OsMemPoolExpand alloc failed size = {size}";
                return false;
            }

            var span = new MemPoolSpan(newNode, newNode, size);
            AddSpan(span);
            ref var n = ref span.Nodes[0];
            SetSizeAndFlag(ref n, newNode, size - NodeHeadSize);
            SetPtr(ref n, newNode, span.Sentinel);
            OsMemSentinelNodeSet(main.Sentinel, newNode, size);
            OsMemFreeNodeAdd(newNode);

            var end = span.Sentinel;
            ram.Fill(end + vaToPa, (int)NodeHeadSize, 0);
            WriteMagic(end);
            ref var e = ref span.Nodes[span.IndexOf(end)];
            SetPtr(ref e, end, 0);
            SetSizeAndFlag(ref e, end, UsedFlag | LastFlag);
            return true;
        }

        private static bool OsMemIsLastSentinelNode(ref MemNodeShadow s) => NodeSize(s.SizeAndFlag) == 0 || s.Ptr == 0;

        /// <summary>OsMemSentinelNodeSet: writes into the LAST sentinel of the chain starting at sentinel.</summary>
        private void OsMemSentinelNodeSet(uint sentinel, uint newNode, uint size)
        {
            if (N(sentinel).Ptr != 0)
            {
                sentinel = OsMemLastSentinelNodeGet(sentinel);
            }
            ref var s = ref N(sentinel);
            SetSizeAndFlag(ref s, sentinel, size | UsedFlag | LastFlag);
            SetPtr(ref s, sentinel, newNode);
        }

        private uint OsMemLastSentinelNodeGet(uint sentinel)
        {
            uint node = 0;
            ref var s = ref N(sentinel);
            var ptr = s.Ptr;
            var size = NodeSize(s.SizeAndFlag);
            while (ptr != 0 && size != 0)
            {
                node = ptr + size - NodeHeadSize;
                ref var t = ref N(node);
                ptr = t.Ptr;
                size = NodeSize(t.SizeAndFlag);
            }
            return node;
        }

        private uint PreSentinelNodeGet(uint node)
        {
            var sentinel = main.Sentinel;
            while (true)
            {
                ref var s = ref N(sentinel);
                if (OsMemIsLastSentinelNode(ref s))
                {
                    log.Log(LogLevel.Error, $"PreSentinelNodeGet can not find node 0x{node:x}");
                    return 0;
                }
                if (s.Ptr == node)
                {
                    return sentinel;
                }
                sentinel = s.Ptr + NodeSize(s.SizeAndFlag) - NodeHeadSize;
            }
        }

        /// <summary>TryShrinkPool: an entirely free expansion leaves the chain and goes back to the pages.</summary>
        private bool TryShrinkPool(uint node)
        {
            ref var n = ref N(node);
            var mySentinel = n.Ptr;
            if (n.SizeAndFlag != mySentinel - node)
            {
                return false;
            }
            var preSentinel = PreSentinelNodeGet(node);
            if (preSentinel == 0)
            {
                return false;
            }
            var span = SpanOf(node)!; // node is a node of the pool
            ref var pre = ref N(preSentinel);
            ref var mine = ref N(mySentinel);
            if (OsMemIsLastSentinelNode(ref mine))
            {
                SetPtr(ref pre, preSentinel, 0);
                OsMemSentinelNodeSet(preSentinel, 0, 0);
            }
            else
            {
                SetSizeAndFlag(ref pre, preSentinel, mine.SizeAndFlag);
                SetPtr(ref pre, preSentinel, mine.Ptr);
            }

            // OsMemLargeNodeFree(node)
            if (pages == null || !pages.TryGetNPages(node, out var nPages) || nPages == 0)
            {
                log.Log(LogLevel.Error, $"TryShrinkPool free 0x{node:x} failed!");
                return false;
            }
            pages.FreeContiguous(node, nPages);
            RemoveSpan(span);
            return true;
        }
    }
}
