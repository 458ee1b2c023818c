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
    /// word written (a mirror of each region's words, <see cref="MemRegion.Words"/>) so the model never reads its own
    /// writes back (adapters buffer them). Guest RAM is read only for what the guest owns: payloads (realloc copy),
    /// and the header copies compared with the shadow to detect corruption.
    /// </summary>
    public sealed partial class MemPool
    {
        private readonly GuestRam ram;
        private readonly ILogSink log;
        private readonly IContiguousPages pages;
        private readonly uint vaToPa;
        private readonly uint[] freeList = new uint[FreeListCount];
        private readonly uint[] bitmap = new uint[BitmapWords];

        /// <summary>Regions in sentinel-chain order: [0] is the initial pool, then expansions as linked.</summary>
        private readonly List<MemRegion> chain = new List<MemRegion>();

        /// <summary>Expansion regions sorted by address, for the address → shadow lookup.</summary>
        private MemRegion[] sortedExpansions = new MemRegion[0];

        /// <summary>Aligned user pointer → node, i.e. where the model wrote a gap word (docs/memory-manager.md §2.6).</summary>
        private readonly Dictionary<uint, uint> alignedPointers = new Dictionary<uint, uint>();

        /// <summary>Node → LOS_MemAllocAlign gap (aligned pointer - node - 12), for the nodes that carry ALIGNED.</summary>
        private readonly Dictionary<uint, uint> nodeGaps = new Dictionary<uint, uint>();

        private MemRegion main;
        private uint attr;

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
            vaToPa = config.RamBase - VmZone.KernelAspaceBase;
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
        public HeapCorruption LastCorruption { get; private set; }

        /// <summary>LOS_MemInit(pool, size) / OsMemPoolInit (docs/memory-manager.md §2.3). Returns LosReturn.Ok or OsError.</summary>
        public uint MemInit(uint pool, uint size)
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
            sortedExpansions = new MemRegion[0];
            alignedPointers.Clear();
            nodeGaps.Clear();
            LastCorruption = null;

            Pool = pool;
            TotalSize = size;
            attr = PoolAttrLockEnable;
            main = new MemRegion(pool, pool + PoolHeadSize, size);
            chain.Add(main);

            ram.Fill(pool + vaToPa, (int)PoolHeadSize, 0);
            Write(pool + InfoPoolOffset, pool);
            Write(pool + InfoTotalSizeOffset, size);
            Write(pool + InfoAttrOffset, attr);

            var first = main.FirstNode;
            var f = NewNode(main, first);
            SetSizeAndFlag(f, size - PoolHeadSize - NodeHeadSize);
            SetPtr(f, 0);
            WriteMagic(first);
            FreeNodeAdd(first);

            // With LOSCFG_KERNEL_VM the end node is a "last sentinel": next = NULL, size 0 | USED | LAST.
            var end = main.Sentinel;
            WriteMagic(end);
            var e = NewNode(main, end);
            SetPtr(e, 0);
            SetSizeAndFlag(e, UsedFlag | LastFlag);
            return LosReturn.Ok;
        }

        /// <summary>LOS_MemExpandEnable: OsKHeapInit turns it on for the system heap (docs/memory-manager.md §1.3).</summary>
        public void MemExpandEnable()
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

        /// <summary>The region holding addr: the initial pool with one compare (inlined), else a binary search.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private MemRegion RegionOf(uint addr)
        {
            var m = main;
            return addr - m.FirstNode <= m.LastOffset ? m : ExpansionOf(addr);
        }

        private MemRegion ExpansionOf(uint addr)
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
        private MemNodeShadow N(uint addr) => new MemNodeShadow(RegionOf(addr), addr);

        /// <summary>The region if a node starts at addr, else null.</summary>
        private MemRegion NodeRegion(uint addr)
        {
            var r = RegionOf(addr);
            if (r == null || ((addr - r.FirstNode) & 3) != 0 || !r.IsNodeStart(addr))
            {
                return null;
            }
            return r;
        }

        /// <summary>A node head now starts at addr (its words are written by the caller).</summary>
        private static MemNodeShadow NewNode(MemRegion region, uint addr)
        {
            region.MarkNodeStart(addr, true);
            return new MemNodeShadow(region, addr);
        }

        /// <summary>The LOS_MemAllocAlign gap of an ALIGNED node, else 0.</summary>
        private uint GapOf(in MemNodeShadow n) =>
            (n.SizeAndFlag & AlignedFlag) != 0 && nodeGaps.TryGetValue(n.Node, out var gap) ? gap : 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Write(uint va, uint value) => ram.Write(va + vaToPa, value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private uint ReadGuest(uint va) => ram.Read(va + vaToPa);

        private void WriteMagic(uint node) => Write(node + MagicOffset, NodeMagic);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void SetSizeAndFlag(in MemNodeShadow n, uint value) => SetWord(n, SizeAndFlagOffset, value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void SetPtr(in MemNodeShadow n, uint value) => SetWord(n, PtrOffset, value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void SetFreePrev(in MemNodeShadow n, uint value) => SetWord(n, FreePrevOffset, value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void SetFreeNext(in MemNodeShadow n, uint value) => SetWord(n, FreeNextOffset, value);

        /// <summary>One head word: the mirror's and the guest's.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void SetWord(in MemNodeShadow n, uint offset, uint value)
        {
            n.Words[n.Index + (int)(offset >> 2)] = value;
            Write(n.Node + offset, value);
        }

        private void AddRegion(MemRegion region)
        {
            chain.Add(region);
            RebuildSorted();
        }

        private void RemoveRegion(MemRegion region)
        {
            chain.Remove(region);
            RebuildSorted();
        }

        private void RebuildSorted()
        {
            var arr = new MemRegion[chain.Count - 1];
            for (var i = 1; i < chain.Count; i++)
            {
                arr[i - 1] = chain[i];
            }
            Array.Sort(arr, (a, b) => a.Start.CompareTo(b.Start));
            sortedExpansions = arr;
        }
    }
}
