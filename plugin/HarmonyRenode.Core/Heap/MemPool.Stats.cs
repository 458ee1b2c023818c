using System.Collections.Generic;
using System.Linq;
using static HarmonyRenode.Core.Heap.MemConstants;

namespace HarmonyRenode.Core.Heap
{
    /// <summary>Statistics and read-only views of the shadow (docs/memory-manager.md §2.8), for diagnostics and the invariant checker.</summary>
    public sealed partial class MemPool
    {
        /// <summary>LOS_MemPoolSizeGet: totalSize plus every expansion.</summary>
        public uint LOS_MemPoolSizeGet()
        {
            RequireInit();
            var count = TotalSize;
            for (var i = 1; i < chain.Count; i++)
            {
                count += chain[i].Size;
            }
            return count;
        }

        /// <summary>LOS_MemTotalUsedGet: used node sizes + 12 per sentinel.</summary>
        public uint LOS_MemTotalUsedGet()
        {
            RequireInit();
            uint used = 0;
            foreach (var span in chain)
            {
                var nodes = span.Nodes;
                for (var node = span.FirstNode; node < span.Sentinel;)
                {
                    var s = nodes[span.IndexOf(node)].SizeAndFlag;
                    if ((s & UsedFlag) != 0)
                    {
                        used += NodeSize(s);
                    }
                    node += NodeSize(s);
                }
                used += NodeHeadSize;
            }
            return used;
        }

        /// <summary>LOS_MemInfoGet: walks every node; each sentinel is one used node of 12 bytes.</summary>
        public MemPoolStatus LOS_MemInfoGet()
        {
            RequireInit();
            uint used = 0, free = 0, maxFree = 0, usedNum = 0, freeNum = 0;
            foreach (var span in chain)
            {
                var nodes = span.Nodes;
                for (var node = span.FirstNode; node < span.Sentinel;)
                {
                    var s = nodes[span.IndexOf(node)].SizeAndFlag;
                    var size = NodeSize(s);
                    if ((s & UsedFlag) != 0)
                    {
                        used += size;
                        usedNum++;
                    }
                    else
                    {
                        free += size;
                        freeNum++;
                        if (size > maxFree)
                        {
                            maxFree = size;
                        }
                    }
                    node += size;
                }
                used += NodeHeadSize;
                usedNum++;
            }
            return new MemPoolStatus(used, free, maxFree, usedNum, freeNum);
        }

        /// <summary>OsMemIsHeapNode: ptr within [first node, end node] of the pool or of an expansion.</summary>
        public bool OsMemIsHeapNode(uint ptr) => main != null && SpanOf(ptr) != null;

        /// <summary>Spans in sentinel-chain order: [0] the initial pool, then the expansions.</summary>
        public IReadOnlyList<MemPoolSpanInfo> Spans
        {
            get
            {
                var list = new List<MemPoolSpanInfo>(chain.Count);
                foreach (var r in chain)
                {
                    list.Add(new MemPoolSpanInfo(r.Start, r.FirstNode, r.Size, r.Sentinel));
                }
                return list;
            }
        }

        /// <summary>Every node of every span in address order within a span, sentinels included.</summary>
        public IEnumerable<MemNodeInfo> EnumerateNodes()
        {
            RequireInit();
            for (var i = 0; i < chain.Count; i++)
            {
                var span = chain[i];
                for (var node = span.FirstNode; ;)
                {
                    var n = span.Nodes[span.IndexOf(node)];
                    yield return new MemNodeInfo(i, node, n.SizeAndFlag, n.Ptr, n.FreePrev, n.FreeNext, GapOf(node, ref n));
                    if (node == span.Sentinel)
                    {
                        break;
                    }
                    node += NodeSize(n.SizeAndFlag);
                }
            }
        }

        /// <summary>The shadow of the node starting at address, or null if no node starts there.</summary>
        public MemNodeInfo? GetNode(uint address)
        {
            var span = main == null ? null : NodeSpan(address);
            if (span == null)
            {
                return null;
            }
            var n = span.Nodes[span.IndexOf(address)];
            return new MemNodeInfo(chain.IndexOf(span), address, n.SizeAndFlag, n.Ptr, n.FreePrev, n.FreeNext, GapOf(address, ref n));
        }

        /// <summary>freeList[index] head (0 when empty).</summary>
        public uint GetFreeListHead(int index) => freeList[index];

        /// <summary>freeListBitmap[word].</summary>
        public uint GetBitmapWord(int word) => bitmap[word];

        /// <summary>The nodes of freeList[index], head first (LIFO order).</summary>
        public IEnumerable<uint> EnumerateFreeList(int index)
        {
            for (var node = freeList[index]; node != 0; node = N(node).FreeNext)
            {
                yield return node;
            }
        }

        /// <summary>Aligned user pointers currently carrying a gap word, with their nodes.</summary>
        public IReadOnlyDictionary<uint, uint> AlignedPointers => alignedPointers;

        /// <summary>
        /// True when guest bytes [start, end) touch none of this pool's heads: outside every span, or inside the payload
        /// of one used node (a buffer the guest allocated from this pool). LOS_MemInit of another pool checks it.
        /// </summary>
        public bool LeavesHeadsAlone(uint start, uint end)
        {
            RequireInit();
            var touches = chain.Any(r => start < (ulong)r.Start + r.Size && end > r.Start);
            if (!touches)
            {
                return true;
            }
            return EnumerateNodes().Any(n => n.IsUsed && start >= n.Address + NodeHeadSize && end <= (ulong)n.Address + n.Size);
        }

        /// <summary>LOS_MemFreeNodeShow output (docs/memory-manager.md §2.8).</summary>
        public string LOS_MemFreeNodeShow()
        {
            RequireInit();
            return MemPoolText.FreeNodeShow(this);
        }

        /// <summary>OsMemInfoPrint output: header, dashes, one row of hex values.</summary>
        public string OsMemInfoPrint()
        {
            RequireInit();
            return MemPoolText.InfoPrint(Pool, LOS_MemPoolSizeGet(), LOS_MemInfoGet());
        }
    }
}
