using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using HarmonyRenode.Core.Ports;
using static HarmonyRenode.Core.Heap.MemConstants;

namespace HarmonyRenode.Core.Heap
{
    /// <summary>
    /// Validation against the shadow (OsMemCheckUsedNode) and corruption detection: the guest's copy of every
    /// word the model wrote is compared with the shadow (docs/memory-manager.md §2.5, §2.8).
    /// </summary>
    public sealed partial class MemPool
    {
        /// <summary>
        /// OsMemCheckUsedNode on the shadow: node must start a used, non-sentinel node of a span. The shadow
        /// is consistent by construction, so the neighbour checks of the C code reduce to this, plus the
        /// comparison of the guest's header copies (when enabled) that the C code would have read.
        /// </summary>
        private bool OsMemCheckUsedNode(uint node, uint ptr, string message)
        {
            var span = NodeSpan(node);
            var s = span == null ? 0 : span.Nodes[span.IndexOf(node)].SizeAndFlag;
            if ((s & UsedFlag) == 0 || (s & LastFlag) != 0)
            {
                log.Log(LogLevel.Error, $"{message} ptr 0x{ptr:x}: node 0x{node:x} is not an allocated heap node");
                return false;
            }
            return !VerifyGuestHeadersOnFree || GuestHeadersAgree(span!, node, ptr, message); // a null span gave s = 0 above
        }

        /// <summary>The guest's copies of the node's and its neighbours' heads against the shadow; false after logging.</summary>
        private bool GuestHeadersAgree(MemPoolSpan span, uint node, uint ptr, string message)
        {
            var broken = CheckNodeNeighbourhood(span, node);
            if (broken != null)
            {
                LastCorruption = broken;
                log.Log(LogLevel.Error, $"{message} ptr 0x{ptr:x}: {broken}");
                return false;
            }
            return true;
        }

        private HeapCorruption? CheckNodeNeighbourhood(MemPoolSpan span, uint node)
        {
            ref var n = ref span.Nodes[span.IndexOf(node)];
            var next = node + NodeSize(n.SizeAndFlag);
            if (NodeHeadMatches(node, ref n) && NodeHeadMatches(next, ref span.Nodes[span.IndexOf(next)])
                && (node == span.FirstNode || NodeHeadMatches(n.Ptr, ref span.Nodes[span.IndexOf(n.Ptr)])))
            {
                return null;
            }
            return FindNeighbourhoodCorruption(span, node);
        }

        /// <summary>
        /// The whole of <see cref="CheckNodeHead"/> when it finds nothing, as one test per node on a mapped guest: the
        /// header words (and the free links of a free node) loaded together and compared without a branch each. False
        /// sends the caller to the word-by-word comparison, which names the field (an unmapped guest, a gap word).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private unsafe bool NodeHeadMatches(uint node, ref MemNodeShadow n)
        {
            var offset = node - mappedVa;
            if (offset >= mappedNodeLimit || (n.SizeAndFlag & AlignedFlag) != 0)
            {
                return false;
            }
            var g = (uint*)(mappedHost + offset);
            var s = n.SizeAndFlag;
            var differs = (g[0] ^ NodeMagic) | (g[1] ^ n.Ptr) | (g[2] ^ s);
            if ((s & UsedFlag) == 0)
            {
                differs |= (g[3] ^ n.FreePrev) | (g[4] ^ n.FreeNext);
            }
            return differs == 0;
        }

        private HeapCorruption? FindNeighbourhoodCorruption(MemPoolSpan span, uint node)
        {
            ref var n = ref span.Nodes[span.IndexOf(node)];
            var broken = CheckNodeHead(node, ref n);
            if (broken != null)
            {
                return broken;
            }
            var next = node + NodeSize(n.SizeAndFlag);
            broken = CheckNodeHead(next, ref span.Nodes[span.IndexOf(next)]);
            if (broken == null && node != span.FirstNode)
            {
                broken = CheckNodeHead(n.Ptr, ref span.Nodes[span.IndexOf(n.Ptr)]);
            }
            return broken;
        }

        /// <summary>Compares one node's guest words with the shadow; null when they agree.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private HeapCorruption? CheckNodeHead(uint node, ref MemNodeShadow n)
        {
            HeapCorruption? c;
            if ((c = Compare(node, "magic", node + MagicOffset, NodeMagic)) != null
                || (c = Compare(node, (n.SizeAndFlag & LastFlag) != 0 ? "next" : "prev", node + PtrOffset, n.Ptr)) != null
                || (c = Compare(node, "sizeAndFlag", node + SizeAndFlagOffset, n.SizeAndFlag)) != null)
            {
                return c;
            }
            if ((n.SizeAndFlag & UsedFlag) == 0)
            {
                if ((c = Compare(node, "freeNode.prev", node + FreePrevOffset, n.FreePrev)) != null
                    || (c = Compare(node, "freeNode.next", node + FreeNextOffset, n.FreeNext)) != null)
                {
                    return c;
                }
            }
            var gap = GapOf(node, ref n);
            if (gap != 0)
            {
                var aligned = node + NodeHeadSize + gap;
                return Compare(node, "gapSize", aligned - 4, gap | AlignedFlag);
            }
            return null;
        }

        /// <summary>One guest word against the shadow: the equal case is a load and a compare (inlined on the free path).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private HeapCorruption? Compare(uint node, string field, uint address, uint expected)
        {
            var actual = ReadGuest(address);
            return actual == expected ? null : Mismatch(node, field, address, expected, actual);
        }

        private static HeapCorruption Mismatch(uint node, string field, uint address, uint expected, uint actual) =>
            new HeapCorruption(node, field, address, expected, actual);

        /// <summary>
        /// Every word of the pool head, every node head, free-node link and gap word compared with the shadow
        /// (LOS_MemIntegrityCheck's scope, but exact). Empty when the guest has not touched them.
        /// </summary>
        public IReadOnlyList<HeapCorruption> CheckIntegrity()
        {
            RequireInit();
            var problems = new List<HeapCorruption>();
            CheckPoolHead(problems);
            foreach (var span in chain)
            {
                for (var node = span.FirstNode; node <= span.Sentinel;)
                {
                    ref var n = ref span.Nodes[span.IndexOf(node)];
                    var broken = CheckNodeHead(node, ref n);
                    if (broken != null)
                    {
                        problems.Add(broken);
                    }
                    var size = NodeSize(n.SizeAndFlag);
                    if (node == span.Sentinel)
                    {
                        break;
                    }
                    node += size;
                }
            }
            return problems;
        }

        private void CheckPoolHead(List<HeapCorruption> problems)
        {
            Add(problems, Compare(Pool, "info.pool", Pool + InfoPoolOffset, Pool));
            Add(problems, Compare(Pool, "info.totalSize", Pool + InfoTotalSizeOffset, TotalSize));
            Add(problems, Compare(Pool, "info.attr", Pool + InfoAttrOffset, attr));
            for (var i = 0; i < BitmapWords; i++)
            {
                Add(problems, Compare(Pool, $"freeListBitmap[{i}]", Pool + BitmapOffset + 4 * (uint)i, bitmap[i]));
            }
            for (var i = 0; i < FreeListCount; i++)
            {
                Add(problems, Compare(Pool, $"freeList[{i}]", Pool + FreeListOffset + 4 * (uint)i, freeList[i]));
            }
        }

        private static void Add(List<HeapCorruption> problems, HeapCorruption? c)
        {
            if (c != null)
            {
                problems.Add(c);
            }
        }

        /// <summary>
        /// LOS_MemIntegrityCheck: LosReturn.Ok when the guest copy matches. A broken node head is the kernel's
        /// OsMemIntegrityCheckError: LOS_Panic("Memory integrity check error, cur node: %#x, pre node: %#x\n") with
        /// the node before it in the walk (the node itself when it opens its span), as OsMemIntegrityCheck keeps
        /// them (kernel/base/mem/tlsf/los_memory.c, default build without LOSCFG_MEM_FREE_BY_TASKID). A difference in
        /// the pool head only (the kernel's OsMemPoolHeadCheck prints and walks on) stays one log line and LOS_NOK.
        /// </summary>
        public uint LOS_MemIntegrityCheck()
        {
            var problems = CheckIntegrity();
            if (problems.Count == 0)
            {
                return LosReturn.Ok;
            }
            LastCorruption = problems[0];
            var broken = problems.FirstOrDefault(p => p.Node != Pool);
            if (broken != null)
            {
                var pre = PreviousNodeInWalk(broken.Node);
                log.Log(LogLevel.Error, $"broken node: {broken} ({problems.Count} word(s) differ)");
                throw new KernelPanicException(
                    $"Memory integrity check error, cur node: {PrintfHex.Alternate(broken.Node)}, pre node: {PrintfHex.Alternate(pre)}");
            }
            log.Log(LogLevel.Error, $"Memory integrity check error, {problems[0]} ({problems.Count} word(s) differ)");
            return LosReturn.Nok;
        }

        /// <summary>OsMemIntegrityCheck's preNode for <paramref name="node"/>: the node walked before it in its span.</summary>
        private uint PreviousNodeInWalk(uint node)
        {
            foreach (var span in chain)
            {
                if (!span.Contains(node))
                {
                    continue;
                }
                var pre = span.FirstNode;
                for (var n = span.FirstNode; n < node;)
                {
                    pre = n;
                    var size = NodeSize(span.Nodes[span.IndexOf(n)].SizeAndFlag);
                    if (size == 0)
                    {
                        break;
                    }
                    n += size;
                }
                return pre;
            }
            return node;
        }

        /// <summary>The memcheck shell command (docs/memory-manager.md §6.4): success line, or one line per broken word.</summary>
        public string MemCheckText()
        {
            var problems = CheckIntegrity();
            if (problems.Count == 0)
            {
                return "system memcheck over, all passed!\n";
            }
            var sb = new System.Text.StringBuilder();
            foreach (var p in problems)
            {
                sb.Append(p).Append('\n');
            }
            sb.Append($"Memory integrity check error, cur node: 0x{problems[0].Node:x}\n");
            return sb.ToString();
        }

        /// <summary>
        /// The word at ptr-4 as LiteOS would read it. Words the model wrote come from the shadow (never read
        /// back); payload words belong to the guest and are read from guest RAM; outside the pool the value is
        /// unknown and taken as 0, which makes the node check fail as it would on garbage.
        /// </summary>
        private uint WordBefore(uint ptr)
        {
            var hdr = ptr - NodeHeadSize;
            var span = NodeSpan(hdr);
            if (span != null)
            {
                return span.Nodes[span.IndexOf(hdr)].SizeAndFlag;
            }
            if (alignedPointers.TryGetValue(ptr, out var alignedNode))
            {
                return GapOf(alignedNode, ref N(alignedNode)) | AlignedFlag;
            }
            var addr = ptr - 4;
            if (addr >= Pool && addr < Pool + PoolHeadSize)
            {
                return PoolHeadWord(addr - Pool);
            }
            span = SpanOf(addr);
            if (span == null)
            {
                return 0;
            }
            // Nearest node start at or below addr (header words and free links are ours, the rest is payload).
            for (uint back = 0; back <= FreeNextOffset && addr - back >= span.FirstNode; back += 4)
            {
                if (!StartsAt(span, addr - back))
                {
                    continue;
                }
                ref var n = ref span.Nodes[span.IndexOf(addr - back)];
                switch (back)
                {
                    case MagicOffset: return NodeMagic;
                    case PtrOffset: return n.Ptr;
                    case SizeAndFlagOffset: return n.SizeAndFlag;
                    case FreePrevOffset when (n.SizeAndFlag & UsedFlag) == 0: return n.FreePrev;
                    case FreeNextOffset when (n.SizeAndFlag & UsedFlag) == 0: return n.FreeNext;
                }
                break;
            }
            return ReadGuest(addr);
        }

        private uint PoolHeadWord(uint offset)
        {
            switch (offset)
            {
                case InfoPoolOffset: return Pool;
                case InfoTotalSizeOffset: return TotalSize;
                case InfoAttrOffset: return attr;
            }
            if (offset < FreeListOffset)
            {
                return bitmap[(offset - BitmapOffset) >> 2];
            }
            return offset < SpinlockOffset ? freeList[(offset - FreeListOffset) >> 2] : 0;
        }
    }
}
