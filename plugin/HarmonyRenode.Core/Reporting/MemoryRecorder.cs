using System;
using System.Collections.Generic;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Events;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Reporting
{
    /// <summary>
    /// Records a model's events and samples its figures (free pages, free blocks per order, heap used/free/largest
    /// free block, mapped pages per space) after each hooked call, or after each direct call of the model when no
    /// engine dispatches hooks. The trace writer and the HTML report read what it kept. Sampling reads only what
    /// changed: the heap walk only after heap events; mapped pages per space are kept from the map/unmap events
    /// (a set of mapped VAs per ASID, so LOS_ArchMmuUnmap's count of covered-but-empty slots does not matter), and
    /// read from the tables only at <see cref="Start"/> and <see cref="Stop"/>.
    /// </summary>
    public sealed class MemoryRecorder : IMemoryEventSink
    {
        private readonly MemoryModel model;
        private readonly List<MemoryEvent> events = new List<MemoryEvent>();
        private readonly List<CounterSample> samples = new List<CounterSample>();
        private readonly Dictionary<uint, LiveAllocation> live = new Dictionary<uint, LiveAllocation>();
        private readonly Dictionary<(uint, string), AllocationSite> sites = new Dictionary<(uint, string), AllocationSite>();
        private readonly Dictionary<uint, HashSet<uint>> mappedVas = new Dictionary<uint, HashSet<uint>>();
        private bool mappingsChanged;
        private readonly int[] peakFreeBlocks = new int[VmPhysSeg.ListOrderMax];
        private bool heapDirty = true;
        private bool inHook;
        private ulong now;

        public MemoryRecorder(MemoryModel model, Func<uint, string?>? symbolize = null)
        {
            this.model = model ?? throw new ArgumentNullException(nameof(model));
            Symbolize = symbolize ?? (address => null);
        }

        public MemoryModel Model => model;

        /// <summary>Call site → "function+0xoffset" (null when unknown).</summary>
        public Func<uint, string?> Symbolize { get; }

        public bool IsRecording { get; private set; }

        /// <summary>"instructions" when the engine gave a guest clock, else "sequence" (each event one tick).</summary>
        public string TimeUnit { get; private set; } = "sequence";

        public IReadOnlyList<MemoryEvent> Events => events;

        public IReadOnlyList<CounterSample> Samples => samples;

        public IReadOnlyDictionary<uint, LiveAllocation> Live => live;

        public IEnumerable<AllocationSite> Sites => sites.Values;

        /// <summary>The most free blocks each order had at any sample.</summary>
        public IReadOnlyList<int> PeakFreeBlocks => peakFreeBlocks;

        /// <summary>Starts recording: attaches to the model's events and takes the first sample.</summary>
        public void Start(Func<ulong>? guestClock = null)
        {
            TimeUnit = guestClock == null ? "sequence" : "instructions";
            model.Events.Attach(this, guestClock);
            IsRecording = true;
            ScanMappings();
            heapDirty = true;
            Sample();
        }

        /// <summary>Takes the last sample (exact figures of the model now) and detaches.</summary>
        public void Stop()
        {
            if (!IsRecording)
            {
                return;
            }
            ScanMappings();
            heapDirty = true;
            Sample();
            model.Events.Detach();
            IsRecording = false;
        }

        public void OnEvent(in MemoryEvent e)
        {
            now = e.Time;
            events.Add(e);
            switch (e.Kind)
            {
                case MemoryEventKind.HookEnter:
                    inHook = true;
                    return;
                case MemoryEventKind.HookExit:
                    inHook = false;
                    Sample();
                    return;
                case MemoryEventKind.Alloc:
                    heapDirty = true;
                    if (e.Address != 0)
                    {
                        Allocated(e.Address, e.Size, e.Site, e.Name ?? "", e.Time); // allocations name their function
                    }
                    break;
                case MemoryEventKind.Free:
                    heapDirty = true;
                    if (e.Value == 0)
                    {
                        Freed(e.Address);
                    }
                    break;
                case MemoryEventKind.Realloc:
                    heapDirty = true;
                    if (e.Address != 0 || e.Size == 0)
                    {
                        Freed(e.Value);
                    }
                    if (e.Address != 0)
                    {
                        Allocated(e.Address, e.Size, e.Site, e.Name ?? "", e.Time); // allocations name their function
                    }
                    break;
                case MemoryEventKind.HeapExpand:
                case MemoryEventKind.HeapShrink:
                    heapDirty = true;
                    break;
                case MemoryEventKind.Map:
                    Mapped(e.Value, e.Address, e.Size, true);
                    break;
                case MemoryEventKind.Unmap:
                    Mapped(e.Value, e.Address, e.Size, false);
                    break;
                case MemoryEventKind.SpaceCreate:
                    // A new space (perhaps on a reused ASID) starts with empty tables.
                    mappedVas[e.Value] = new HashSet<uint>();
                    mappingsChanged = true;
                    break;
                case MemoryEventKind.SpaceFree:
                    mappedVas.Remove(e.Value);
                    mappingsChanged = true;
                    break;
            }
            if (!inHook && IsTopLevel(e.Kind))
            {
                // A direct call of the model (no engine around it): one sample per call.
                Sample();
            }
        }

        /// <summary>Samples the model now (also for a caller that drives the model itself between its calls).</summary>
        public void Sample()
        {
            var phys = model.Phys;
            var blocks = new int[VmPhysSeg.ListOrderMax];
            foreach (var segment in phys.Segments)
            {
                for (var order = 0; order < blocks.Length; order++)
                {
                    blocks[order] += segment.FreeList[order].Count;
                }
            }
            for (var order = 0; order < blocks.Length; order++)
            {
                peakFreeBlocks[order] = Math.Max(peakFreeBlocks[order], blocks[order]);
            }
            var previous = samples.Count == 0 ? null : samples[samples.Count - 1];
            var sample = new CounterSample
            {
                Time = now,
                FreePages = phys.FreePageCount,
                FreeBlocks = blocks,
                HeapUsed = previous?.HeapUsed ?? 0,
                HeapFree = previous?.HeapFree ?? 0,
                HeapLargestFree = previous?.HeapLargestFree ?? 0,
                MappedPages = previous?.MappedPages ?? new Dictionary<uint, int>(),
            };
            if (heapDirty)
            {
                var status = model.Heap.LOS_MemInfoGet();
                sample.HeapUsed = status.TotalUsedSize;
                sample.HeapFree = model.Heap.LOS_MemPoolSizeGet() - status.TotalUsedSize;
                sample.HeapLargestFree = status.MaxFreeNodeSize;
                heapDirty = false;
            }
            if (mappingsChanged)
            {
                var mapped = new Dictionary<uint, int>();
                foreach (var pair in mappedVas)
                {
                    mapped[pair.Key] = pair.Value.Count;
                }
                sample.MappedPages = mapped;
                mappingsChanged = false;
            }
            samples.Add(sample);
        }

        private void Mapped(uint asid, uint va, uint pages, bool map)
        {
            if (!mappedVas.TryGetValue(asid, out var set))
            {
                set = new HashSet<uint>();
                mappedVas.Add(asid, set);
            }
            for (uint i = 0; i < pages; i++)
            {
                var page = va + (i << VmZone.PageShift);
                if (map)
                {
                    set.Add(page);
                }
                else
                {
                    set.Remove(page);
                }
            }
            mappingsChanged = true;
        }

        /// <summary>Every live space's mapped region pages, from its tables (what `vmm` counts).</summary>
        private void ScanMappings()
        {
            mappedVas.Clear();
            foreach (var space in model.Vm.Spaces.SpaceList)
            {
                var set = new HashSet<uint>();
                foreach (var region in space.Regions)
                {
                    for (uint i = 0; i < region.PageCount; i++)
                    {
                        var va = region.Base + (i << VmZone.PageShift);
                        if (space.ArchMmu.LOS_ArchMmuQuery(va).IsMapped)
                        {
                            set.Add(va);
                        }
                    }
                }
                mappedVas[space.ArchMmu.Asid] = set;
            }
            mappingsChanged = true;
        }

        private void Allocated(uint address, uint size, uint site, string function, ulong time)
        {
            if (live.TryGetValue(address, out var stale))
            {
                // The same pointer again without a free the recorder saw (e.g. allocated before recording started).
                Site(stale.Site, stale.Function).LiveCount--;
                Site(stale.Site, stale.Function).LiveBytes -= stale.Size;
            }
            live[address] = new LiveAllocation(size, site, function, time);
            var s = Site(site, function);
            s.Count++;
            s.Bytes += size;
            s.LiveCount++;
            s.LiveBytes += size;
        }

        private void Freed(uint address)
        {
            if (live.TryGetValue(address, out var allocation))
            {
                live.Remove(address);
                var s = Site(allocation.Site, allocation.Function);
                s.LiveCount--;
                s.LiveBytes -= allocation.Size;
            }
        }

        private AllocationSite Site(uint site, string function)
        {
            if (!sites.TryGetValue((site, function), out var s))
            {
                s = new AllocationSite(site, function);
                sites.Add((site, function), s);
            }
            return s;
        }

        private static bool IsTopLevel(MemoryEventKind kind)
        {
            switch (kind)
            {
                case MemoryEventKind.Alloc:
                case MemoryEventKind.Free:
                case MemoryEventKind.Realloc:
                case MemoryEventKind.Fault:
                case MemoryEventKind.SpaceCreate:
                case MemoryEventKind.SpaceSwitch:
                case MemoryEventKind.SpaceFree:
                    return true;
                default:
                    return false;
            }
        }
    }
}
