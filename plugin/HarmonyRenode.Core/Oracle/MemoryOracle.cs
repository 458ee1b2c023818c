using System;
using System.Collections.Generic;
using System.Linq;

namespace HarmonyRenode.Core.Oracle
{
    /// <summary>
    /// The oracle's book of every block the guest got and gave back, with who allocated and who freed it, and the
    /// findings made against it. It only observes: the allocator decides and returns exactly what it would without it.
    /// Fed by <see cref="OracleMemoryApi"/>; read by the CLI, the Renode peripheral and the tests.
    /// </summary>
    public sealed class MemoryOracle
    {
        private readonly Dictionary<uint, TrackedBlock> live = new Dictionary<uint, TrackedBlock>();
        private readonly Dictionary<uint, TrackedBlock> freed = new Dictionary<uint, TrackedBlock>();
        private readonly Queue<TrackedBlock> freedOrder = new Queue<TrackedBlock>();
        private readonly List<Finding> findings = new List<Finding>();
        private readonly HashSet<uint> reportedHeaders = new HashSet<uint>();
        private long serial;

        public MemoryOracle(OracleOptions? options = null)
        {
            Options = options ?? new OracleOptions();
        }

        public OracleOptions Options { get; }

        /// <summary>Raised as each finding is made (the CLI prints it then, as ASan does).</summary>
        public event Action<Finding>? FindingReported;

        public IReadOnlyList<Finding> Findings => findings;

        /// <summary>Allocations before this serial are left out of <see cref="Leaks"/> (hr_leak_mark, `mm LeakMark`).</summary>
        public long MarkSerial { get; private set; }

        public IEnumerable<TrackedBlock> Live => live.Values;

        /// <summary>Leaks from here on: live blocks allocated before now are not reported.</summary>
        public void Mark() => MarkSerial = serial;

        public void ClearFindings()
        {
            findings.Clear();
            reportedHeaders.Clear();
        }

        public TrackedBlock Allocated(AllocationKind kind, uint address, uint size, string api, CallSite site)
        {
            var block = new TrackedBlock(kind, address, size, api, site, serial++);
            live[address] = block;
            freed.Remove(address);
            return block;
        }

        public TrackedBlock? LiveAt(uint address) => live.TryGetValue(address, out var b) ? b : null;

        public TrackedBlock? FreedAt(uint address) => freed.TryGetValue(address, out var b) ? b : null;

        /// <summary>
        /// Checks a free of <paramref name="address"/> through <paramref name="api"/>, which releases blocks of the
        /// <paramref name="accepted"/> kinds. Returns the live block when the free is right; otherwise reports a finding
        /// (double, invalid or wrong-API free, with the block's sites) and returns null.
        /// </summary>
        public TrackedBlock? CheckFree(uint address, string api, CallSite site, params AllocationKind[] accepted)
        {
            if (live.TryGetValue(address, out var block))
            {
                if (Array.IndexOf(accepted, block.Kind) >= 0)
                {
                    return block;
                }
                Report(new Finding
                {
                    Kind = FindingKind.WrongApiFree, Address = address, Size = block.Size, Pc = site, Api = api,
                    BlockAddress = block.Address, AllocSite = block.AllocSite, AllocApi = block.AllocApi,
                    Detail = $"{Describe(block.Kind)} from {block.AllocApi} freed with {api}",
                });
                return null;
            }
            if (freed.TryGetValue(address, out block))
            {
                var page = block.Kind == AllocationKind.Page || block.Kind == AllocationKind.ContiguousPages;
                Report(new Finding
                {
                    Kind = page ? FindingKind.PageDoubleFree : FindingKind.DoubleFree, Address = address, Size = block.Size,
                    Pc = site, Api = api, BlockAddress = block.Address, AllocSite = block.AllocSite, AllocApi = block.AllocApi,
                    FreeSite = block.FreeSite, FreeApi = block.FreeApi,
                    Detail = $"{Describe(block.Kind)} already freed by {block.FreeApi}",
                });
                return null;
            }
            var inside = live.Values.FirstOrDefault(b => b.Contains(address));
            var wasInside = inside == null ? freed.Values.FirstOrDefault(b => b.Contains(address)) : null;
            var owner = inside ?? wasInside;
            Report(new Finding
            {
                Kind = FindingKind.InvalidFree, Address = address, Size = owner?.Size ?? 0, Pc = site, Api = api,
                BlockAddress = owner?.Address, AllocSite = owner?.AllocSite, AllocApi = owner?.AllocApi,
                FreeSite = wasInside?.FreeSite, FreeApi = wasInside?.FreeApi,
                Detail = owner == null
                    ? "pointer was never allocated"
                    : $"interior pointer: {address - owner.Address} bytes into a {owner.Size}-byte {(inside != null ? "live" : "freed")} {Describe(owner.Kind)}",
            });
            return null;
        }

        /// <summary>The block is gone from the guest's view; remembered (bounded) for later double frees and faults.</summary>
        public void Freed(TrackedBlock block, string api, CallSite site)
        {
            live.Remove(block.Address);
            block.FreeApi = api;
            block.FreeSite = site;
            freed[block.Address] = block;
            freedOrder.Enqueue(block);
            while (freedOrder.Count > Options.FreedHistory)
            {
                var old = freedOrder.Dequeue();
                if (freed.TryGetValue(old.Address, out var current) && ReferenceEquals(current, old))
                {
                    freed.Remove(old.Address);
                }
            }
        }

        /// <summary>A block released without a guest free (LOS_MemRealloc moved it): forgotten, not remembered as freed.</summary>
        public void Forget(TrackedBlock block) => live.Remove(block.Address);

        /// <summary>The freed block (of the given kinds) that contains <paramref name="address"/>, if the history still has it.</summary>
        public TrackedBlock FreedContaining(uint address, params AllocationKind[] kinds) =>
            freedOrder.Reverse().FirstOrDefault(b => Array.IndexOf(kinds, b.Kind) >= 0 && b.Contains(address)
                && !live.Values.Any(l => l.Contains(address)));

        /// <summary>The live heap block whose payload runs up to <paramref name="node"/> (the one that overflowed into it).</summary>
        public TrackedBlock HeapBlockBefore(uint node) =>
            live.Values.Where(b => b.Kind == AllocationKind.Heap && b.Address < node).OrderByDescending(b => b.Address).FirstOrDefault();

        /// <summary>A broken heap header is reported once, however many checks see it.</summary>
        public bool FirstReportOfHeader(uint node) => reportedHeaders.Add(node);

        public void Report(Finding finding)
        {
            findings.Add(finding);
            FindingReported?.Invoke(finding);
        }

        /// <summary>Live allocations made since the mark, grouped by allocation site, most bytes first.</summary>
        public IReadOnlyList<LeakGroup> Leaks(bool sinceMark = true) =>
            live.Values
                .Where(b => !sinceMark || b.Serial >= MarkSerial)
                .GroupBy(b => (b.AllocApi, b.AllocSite.Pc)) // the call site; the callers may differ (a loop, several paths)
                .Select(g => new LeakGroup(g.First().AllocApi, g.First().AllocSite, g.Count(), g.Aggregate(0UL, (s, b) => s + b.Size),
                    g.Select(b => b.Address).OrderBy(a => a).ToList()))
                .OrderByDescending(g => g.Bytes).ThenByDescending(g => g.Count)
                .ToList();

        public static string Describe(AllocationKind kind)
        {
            switch (kind)
            {
                case AllocationKind.Heap: return "heap block";
                case AllocationKind.PageBlock: return "page block";
                case AllocationKind.Vmalloc: return "vmalloc area";
                case AllocationKind.Page: return "page";
                default: return "contiguous page run";
            }
        }
    }
}
