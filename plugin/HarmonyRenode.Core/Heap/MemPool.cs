using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using HarmonyRenode.Core.Ports;
using static HarmonyRenode.Core.Heap.MemConstants;

namespace HarmonyRenode.Core.Heap
{
    /// <summary>
    /// The LiteOS-A kernel heap (kernel/base/mem/tlsf/los_memory.c, docs/memory-manager.md §2): a TLSF pool whose pool head, node
    /// heads and free-list links are written into guest RAM at the kernel's addresses, with a host shadow of every
    /// word written so the model never reads its own writes back (adapters buffer them). Guest RAM is read only
    /// for what the guest owns: payloads (realloc copy), and the header copies compared with the shadow to detect
    /// corruption.
    /// </summary>
    public sealed partial class MemPool
    {
        private readonly GuestRam ram;
        private readonly ILogSink log;
        private readonly IContiguousPages pages;
        private readonly uint vaToPa;
        private readonly uint[] freeList = new uint[FreeListCount];
        private readonly uint[] bitmap = new uint[BitmapWords];

        /// <summary>Spans in sentinel-chain order: [0] is the initial pool, then expansions as linked.</summary>
        private readonly List<MemPoolSpan> chain = new List<MemPoolSpan>();

        /// <summary>Expansion spans sorted by address, for the address → shadow lookup.</summary>
        private MemPoolSpan[] sortedExpansions = new MemPoolSpan[0];

        /// <summary>Aligned user pointer → node, i.e. where the model wrote a gap word (docs/memory-manager.md §2.6).</summary>
        private readonly Dictionary<uint, uint> alignedPointers = new Dictionary<uint, uint>();

        /// <summary>Node → LOS_MemAllocAlign gap (aligned pointer - node - 12), for the nodes whose sizeAndFlag carries ALIGNED.</summary>
        private readonly Dictionary<uint, uint> gaps = new Dictionary<uint, uint>();

        private MemPoolSpan main = null!; // set by LOS_MemInit, before any other use of the pool
        private uint attr;

        // The mapped guest RAM in kernel VAs, taken from GuestRam once it is resolved, so a heap word is one compare
        // and a store: host address of mappedVa, and mapped bytes - 3 (0 until known or when nothing is mapped).
        private ulong mappedHost;
        private uint mappedVa;
        private uint mappedWordLimit;

        /// <summary>Offsets from mappedVa below this have a whole free node head (20 bytes) mapped; 0 when unknown.</summary>
        private uint mappedNodeLimit;

        // The initial pool's span unpacked, for the node look-up every heap step makes (expansions are searched).
        private MemNodeShadow[] mainNodes = null!; // as main
        private uint mainFirst;
        private uint mainLastOffset;
        private bool mappingKnown;

        public MemPool(IGuestMemory memory, MemoryConfig config, ILogSink log, IContiguousPages pages)
        {
            if (memory == null)
            {
                throw new ArgumentNullException(nameof(memory));
            }
            this.log = log ?? throw new ArgumentNullException(nameof(log));
            this.pages = pages;
            if (config == null)
            {
                throw new ArgumentNullException(nameof(config));
            }
            // OsKVaddrToPaddr is an offset on the kernel window; computed once for the hot path.
            vaToPa = config.KernelVaToPaOffset;
            ram = new GuestRam(memory, config.RamBase, config.ManagedSize);
        }

        /// <summary>Kernel VA of the pool head (info.pool); 0 before MemInit.</summary>
        public uint Pool { get; private set; }

        /// <summary>info.totalSize: the initial pool only (expansions are not included).</summary>
        public uint TotalSize { get; private set; }

        public bool IsInitialized => main != null;

        /// <summary>info.attr & OS_MEM_POOL_EXPAND_ENABLE.</summary>
        public bool ExpandEnabled => (attr & PoolAttrExpandEnable) != 0;

        /// <summary>info.attr as written to guest RAM.</summary>
        public uint Attr => attr;

        /// <summary>
        /// Compare the guest copy of the freed node and its neighbours with the shadow before LOS_MemFree and
        /// LOS_MemRealloc act (the words OsMemCheckUsedNode reads). On by default.
        /// </summary>
        public bool VerifyGuestHeadersOnFree { get; set; } = true;

        /// <summary>The last corruption a free or realloc refused to act on (null if none).</summary>
        public HeapCorruption? LastCorruption { get; private set; }

        /// <summary>LOS_MemInit(pool, size) / OsMemPoolInit (docs/memory-manager.md §2.3). Returns LosReturn.Ok or OsError.</summary>
        public uint OsMemPoolInit(uint pool, uint size)
        {
            if (pool == 0 || size <= MinPoolSize)
            {
                log.Log(LogLevel.Error, $"LOS_MemInit: pool 0x{pool:x} size 0x{size:x} rejected (needs a pool and more than 0x{MinPoolSize:x} bytes)");
                return LosReturn.OsError;
            }
            size = Round4(size);

            Array.Clear(freeList, 0, freeList.Length);
            Array.Clear(bitmap, 0, bitmap.Length);
            chain.Clear();
            sortedExpansions = new MemPoolSpan[0];
            alignedPointers.Clear();
            gaps.Clear();
            LastCorruption = null;

            Pool = pool;
            TotalSize = size;
            attr = PoolAttrLockEnable;
            main = new MemPoolSpan(pool, pool + PoolHeadSize, size);
            mainNodes = main.Nodes;
            mainFirst = main.FirstNode;
            mainLastOffset = main.LastOffset;
            chain.Add(main);

            ram.Fill(pool + vaToPa, (int)PoolHeadSize, 0);
            Write(pool + InfoPoolOffset, pool);
            Write(pool + InfoTotalSizeOffset, size);
            Write(pool + InfoAttrOffset, attr);

            var first = main.FirstNode;
            ref var f = ref main.Nodes[0];
            SetSizeAndFlag(ref f, first, size - PoolHeadSize - NodeHeadSize);
            SetPtr(ref f, first, 0);
            WriteMagic(first);
            OsMemFreeNodeAdd(first);

            // With LOSCFG_KERNEL_VM the end node is a "last sentinel": next = NULL, size 0 | USED | LAST.
            var end = main.Sentinel;
            WriteMagic(end);
            ref var e = ref main.Nodes[main.IndexOf(end)];
            SetPtr(ref e, end, 0);
            SetSizeAndFlag(ref e, end, UsedFlag | LastFlag);
            return LosReturn.Ok;
        }

        /// <summary>LOS_MemExpandEnable: OsKHeapInit turns it on for the system heap (docs/memory-manager.md §1.3).</summary>
        public void LOS_MemExpandEnable()
        {
            RequireInit();
            attr |= PoolAttrExpandEnable;
            Write(Pool + InfoAttrOffset, attr);
        }

        private void RequireInit()
        {
            if (main == null)
            {
                throw new InvalidOperationException("LOS_MemInit has not been called for this pool");
            }
        }

        /// <summary>The span holding addr: the initial pool with one compare (inlined), else a binary search.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private MemPoolSpan? SpanOf(uint addr)
        {
            var m = main;
            return addr - m.FirstNode <= m.LastOffset ? m : ExpansionOf(addr);
        }

        private MemPoolSpan? ExpansionOf(uint addr)
        {
            var arr = sortedExpansions;
            int lo = 0, hi = arr.Length - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >> 1;
                var r = arr[mid];
                if (addr < r.FirstNode)
                {
                    hi = mid - 1;
                }
                else if (addr > r.Sentinel)
                {
                    lo = mid + 1;
                }
                else
                {
                    return r;
                }
            }
            return null;
        }

        /// <summary>Shadow of the node at addr; addr must be a node of the pool (internal invariant).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ref MemNodeShadow N(uint addr)
        {
            var offset = addr - mainFirst;
            if (offset <= mainLastOffset)
            {
                return ref mainNodes[offset >> MemPoolSpan.GranuleShift];
            }
            return ref ExpansionNode(addr);
        }

        private ref MemNodeShadow ExpansionNode(uint addr)
        {
            var r = ExpansionOf(addr);
            return ref r!.Nodes[r.IndexOf(addr)]; // addr is a node of the pool (N's contract)
        }

        /// <summary>Shadow entry if a node starts at addr, else null span.</summary>
        private MemPoolSpan? NodeSpan(uint addr)
        {
            var r = SpanOf(addr);
            if (r == null || !StartsAt(r, addr))
            {
                return null;
            }
            return r;
        }

        /// <summary>
        /// True when a node of span starts exactly at addr. The shadow entry of addr's granule belongs to the one node
        /// starting in that granule, if any (a merged node's entry is cleared); that node is at addr when addr is the span's
        /// first node (which nothing merges away), when it is the sentinel and addr the sentinel's address, or when its
        /// physical predecessor (ptr.prev) ends at addr. The first node's ptr is 0 or its own sentinel, so it fails the last test.
        /// </summary>
        private static bool StartsAt(MemPoolSpan span, uint addr)
        {
            var offset = addr - span.FirstNode;
            if (offset > span.LastOffset || (offset & 3) != 0)
            {
                return false;
            }
            ref var n = ref span.Nodes[offset >> MemPoolSpan.GranuleShift];
            if (n.SizeAndFlag == 0)
            {
                return false;
            }
            if (offset == 0)
            {
                return true;
            }
            if ((n.SizeAndFlag & LastFlag) != 0)
            {
                return addr == span.Sentinel;
            }
            var prevOffset = n.Ptr - span.FirstNode;
            return prevOffset < offset && n.Ptr + NodeSize(span.Nodes[prevOffset >> MemPoolSpan.GranuleShift].SizeAndFlag) == addr;
        }

        /// <summary>
        /// <see cref="StartsAt"/> for a plain used node of the initial pool (not a sentinel): offset is node - its first
        /// node. The predecessor's entry is the one OsMemFree reads next, so the test costs no extra cache line.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool IsMainUsedNodeStart(uint node, uint offset)
        {
            if ((offset & 3) != 0)
            {
                return false;
            }
            var prevOffset = mainNodes[offset >> MemPoolSpan.GranuleShift].Ptr - mainFirst;
            return offset == 0 || prevOffset < offset && mainFirst + prevOffset + NodeSize(mainNodes[prevOffset >> MemPoolSpan.GranuleShift].SizeAndFlag) == node;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private unsafe void Write(uint va, uint value)
        {
            var offset = va - mappedVa;
            if (offset < mappedWordLimit)
            {
                *(uint*)(mappedHost + offset) = value;
                return;
            }
            WriteSlow(va, value);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private unsafe uint ReadGuest(uint va)
        {
            var offset = va - mappedVa;
            if (offset < mappedWordLimit)
            {
                return *(uint*)(mappedHost + offset);
            }
            return ReadSlow(va);
        }

        private void WriteSlow(uint va, uint value)
        {
            ram.Write(va + vaToPa, value);
            KnowMapping();
        }

        private uint ReadSlow(uint va)
        {
            var value = ram.Read(va + vaToPa);
            KnowMapping();
            return value;
        }

        /// <summary>After the first access through <see cref="GuestRam"/> (which resolves the mapping): take its bounds.</summary>
        private void KnowMapping()
        {
            if (mappingKnown)
            {
                return;
            }
            mappingKnown = true;
            if (ram.TryGetMapping(out var host, out var bytes) && bytes >= 4)
            {
                mappedHost = host;
                mappedVa = ram.Start - vaToPa;
                mappedWordLimit = bytes - 3;
                mappedNodeLimit = bytes >= 20 ? bytes - 19 : 0;
            }
        }

        private void WriteMagic(uint node) => Write(node + MagicOffset, NodeMagic);

        private void SetSizeAndFlag(ref MemNodeShadow n, uint node, uint value)
        {
            n.SizeAndFlag = value;
            Write(node + SizeAndFlagOffset, value);
        }

        private void SetPtr(ref MemNodeShadow n, uint node, uint value)
        {
            n.Ptr = value;
            Write(node + PtrOffset, value);
        }

        private void SetFreePrev(ref MemNodeShadow n, uint node, uint value)
        {
            n.FreePrev = value;
            Write(node + FreePrevOffset, value);
        }

        private void SetFreeNext(ref MemNodeShadow n, uint node, uint value)
        {
            n.FreeNext = value;
            Write(node + FreeNextOffset, value);
        }

        /// <summary>The node's LOS_MemAllocAlign gap, 0 when it carries no ALIGNED flag.</summary>
        private uint GapOf(uint node, ref MemNodeShadow n) =>
            (n.SizeAndFlag & AlignedFlag) != 0 && gaps.TryGetValue(node, out var gap) ? gap : 0;

        private void AddSpan(MemPoolSpan span)
        {
            chain.Add(span);
            RebuildSorted();
        }

        private void RemoveSpan(MemPoolSpan span)
        {
            chain.Remove(span);
            RebuildSorted();
        }

        private void RebuildSorted()
        {
            var arr = new MemPoolSpan[chain.Count - 1];
            for (var i = 1; i < chain.Count; i++)
            {
                arr[i - 1] = chain[i];
            }
            Array.Sort(arr, (a, b) => a.Start.CompareTo(b.Start));
            sortedExpansions = arr;
        }
    }
}
