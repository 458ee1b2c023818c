using System;
using System.Collections.Generic;
using System.Linq;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Oracle
{
    /// <summary>
    /// --sanitize for page-granular memory, the way KFENCE does it: a freed page block (large LOS_KernelMalloc,
    /// LOS_PhysPagesAllocContiguous, a LOS_PhysPageAlloc page at its last reference) is taken out of the kernel's linear map (<see cref="ArchMmu.InvalidateLinearPage"/>)
    /// and held in a bounded quarantine before the allocator gets it back, so a later access takes a data abort at the
    /// exact guest PC; a freed vmalloc area's VA is kept by an inaccessible placeholder region for as long. With
    /// <see cref="OracleOptions.SampleInterval"/> every Nth heap allocation is placed at the end of a page of its own
    /// with an unmapped guard page after it: an overflow faults at its PC (out-of-bounds), and the freed object's page
    /// is unmapped too (use-after-free at its PC). A fault on a page taken out here is reported and the page mapped back,
    /// so the guest goes on as it would on LiteOS-A, where that memory was mapped all along.
    /// </summary>
    internal sealed class PageSanitizer
    {
        private const uint ThumbBit = 1u << 5;
        private const uint DfsrWnR = 1u << 11;

        private readonly MemoryModel manager;
        private readonly MemoryOracle oracle;
        private readonly ArchMmu kernel;
        private readonly Queue<Held> quarantine = new Queue<Held>();
        private readonly Dictionary<uint, Held> heldByAddress = new Dictionary<uint, Held>();
        private readonly Dictionary<uint, Sample> samples = new Dictionary<uint, Sample>();
        private readonly Dictionary<uint, Sample> sampleByPage = new Dictionary<uint, Sample>();
        private readonly Dictionary<uint, Held> heldByPage = new Dictionary<uint, Held>();
        private readonly HashSet<TrackedBlock> reported = new HashSet<TrackedBlock>();
        private ulong quarantineBytes;
        private ulong heapAllocations;

        public PageSanitizer(MemoryModel manager, MemoryOracle oracle)
        {
            this.manager = manager;
            this.oracle = oracle;
            kernel = manager.Vm.Spaces.KernelSpace.ArchMmu;
        }

        /// <summary>Blocks (page blocks, vmalloc areas, sampled heap objects) freed and held back now.</summary>
        public int QuarantinedBlocks => quarantine.Count;

        /// <summary>Sampled heap objects placed on their own page, live or quarantined.</summary>
        public int SampledBlocks => samples.Count;

        public bool IsQuarantined(uint address) => heldByAddress.ContainsKey(address);

        public bool IsSampled(uint address) => samples.ContainsKey(address);

        /// <summary>
        /// Counts one heap allocation; every <see cref="OracleOptions.SampleInterval"/>th one that fits a page gets two
        /// contiguous pages: the object at the end of the first (aligned down to <paramref name="boundary"/>: the pool's 4
        /// bytes or the one LOS_MemAllocAlign asked for; the bytes before and after it poisoned), the second unmapped as
        /// its guard.
        /// </summary>
        public bool TrySample(uint size, uint boundary, out uint address)
        {
            address = 0;
            var interval = oracle.Options.SampleInterval;
            if (interval == 0 || ++heapAllocations % interval != 0)
            {
                return false;
            }
            // LOS_MemAllocAlign refuses a boundary that is not a power of two of at least sizeof(VOID *) (los_memory.c).
            var align = boundary;
            if (size == 0 || size > VmZone.PageSize || align < 4 || align > VmZone.PageSize || (align & (align - 1)) != 0)
            {
                return false;
            }
            var page = manager.LOS_PhysPagesAllocContiguous(2);
            if (page == 0)
            {
                return false;
            }
            address = (page + VmZone.PageSize - size) & ~(align - 1);
            var sample = new Sample(page, address, size);
            manager.Memory.Fill(Pa(page), (int)VmZone.PageSize, OracleOptions.RedzonePoison);
            manager.Memory.Fill(Pa(address), (int)size, 0);
            samples[address] = sample;
            sampleByPage[page] = sample;
            sampleByPage[sample.Guard] = sample;
            kernel.InvalidateLinearPage(sample.Guard);
            return true;
        }

        /// <summary>A sampled object freed: its canaries checked, then both pages unmapped and held.</summary>
        public void FreeSample(TrackedBlock block, string api, CallSite site)
        {
            var sample = samples[block.Address];
            CheckCanaries(block, sample, api, site);
            Hold(block, sample.Page, 2, () => manager.LOS_PhysPagesFreeContiguous(sample.Page, 2), 2 * VmZone.PageSize);
        }

        /// <summary>A page block or contiguous run freed: unmapped and held; <paramref name="release"/> really frees it later.</summary>
        public void FreePages(TrackedBlock block, uint va, uint pages, Action release) =>
            Hold(block, va, pages, release, pages << VmZone.PageShift);

        /// <summary>
        /// A single page whose last reference is dropped: its kernel VA <paramref name="kva"/> is unmapped and held like a
        /// page block (a page of LOS_PhysPageAlloc or LOS_PhysPagesAlloc); the block's address is the LosVmPage pointer
        /// the guest named it by.
        /// </summary>
        public void FreePage(TrackedBlock block, uint kva, Action release) => Hold(block, kva, 1, release, VmZone.PageSize);

        /// <summary>
        /// A vmalloc area LOS_VFree has freed (unmapped, its pages back, as LiteOS-A does): its VA is kept by a region
        /// without permissions until it leaves the quarantine, so no LOS_VMalloc gets it and an access still faults.
        /// </summary>
        public void HoldVmallocRange(TrackedBlock block)
        {
            var space = manager.Vm.Spaces.VmallocSpace;
            var size = VmZone.RoundUp(Math.Max(block.Size, 1u), VmZone.PageSize);
            var placeholder = manager.Vm.Map.LOS_RegionAlloc(space, block.Address, size, 0, 0);
            if (placeholder == null)
            {
                return;
            }
            Enqueue(new Held(block, block.Address, 0, () => manager.Vm.Map.LOS_RegionFree(space, placeholder), size));
        }

        /// <summary>Exit: the canaries of every live sampled object.</summary>
        public void CheckAll()
        {
            foreach (var sample in samples.Values.ToList())
            {
                var block = oracle.LiveAt(sample.Object);
                if (block != null)
                {
                    CheckCanaries(block, sample, "exit", CallSite.At(0));
                }
            }
        }

        /// <summary>
        /// A kernel-mode abort on a page this sanitizer unmapped: reported (out-of-bounds on a live object's guard,
        /// use-after-free on a held block) and the page mapped again so the access is retried and the guest goes on.
        /// False when the address is not one of those pages: the model decides as it would.
        /// </summary>
        public bool OnFault(bool prefetch, uint fsr, uint far, uint pc, uint cpsr, CallSite site)
        {
            var page = far & ~(VmZone.PageSize - 1);
            if (LosMemoryApi.IsUserMode(cpsr) || !kernel.IsLinearMapHole(page))
            {
                return false;
            }
            heldByPage.TryGetValue(page, out var held);
            sampleByPage.TryGetValue(page, out var sample);
            var write = prefetch ? (bool?)false : (fsr & DfsrWnR) != 0;
            var size = prefetch || (cpsr & ThumbBit) != 0 || !InManagedWindow(pc) ? null
                : ArmAccessDecoder.AccessSize(manager.Memory.ReadUInt32(Pa(pc)));
            var api = prefetch ? "prefetch abort" : "data abort";
            if (held != null)
            {
                var b = held.Block;
                // Where the block's bytes are: its address, except for a single page, which the guest names by its LosVmPage pointer.
                var start = b.Kind == AllocationKind.Page ? held.Va : b.Address;
                var at = VmIomap.IsUncachedAddr(far) ? VmIomap.UncachedToVmmAddr(far) : far;
                var where = at - start < Math.Max(b.Size, 1u)
                    ? $"{at - start} bytes into" : at < start ? $"{start - at} bytes before" : $"{at - start - b.Size} bytes after";

                oracle.Report(new Finding
                {
                    Kind = FindingKind.UseAfterFree, Address = far, Size = b.Size, Pc = site, Api = api, BlockAddress = b.Address,
                    AllocSite = b.AllocSite, AllocApi = b.AllocApi, FreeSite = b.FreeSite, FreeApi = b.FreeApi, IsWrite = write, AccessSize = size,
                    Detail = $"{where} a freed {b.Size}-byte {MemoryOracle.Describe(b.Kind)}" + (at != far ? ", through its uncached alias" : ""),
                });
            }
            else if (sample != null && page == sample.Guard)
            {
                var b = oracle.LiveAt(sample.Object);
                oracle.Report(new Finding
                {
                    Kind = FindingKind.OutOfBounds, Address = far, Size = sample.Size, Pc = site, Api = api, BlockAddress = sample.Object,
                    AllocSite = b?.AllocSite, AllocApi = b?.AllocApi, IsWrite = write, AccessSize = size,
                    Detail = $"{far - sample.Object - sample.Size} bytes after the {sample.Size}-byte heap block (sampled: guard page 0x{sample.Guard:x8})",
                });
            }
            kernel.RestoreLinearPage(page);
            return true;
        }

        private void Hold(TrackedBlock block, uint va, uint pages, Action release, uint bytes)
        {
            var held = new Held(block, va, pages, release, bytes);
            for (var i = 0u; i < pages; i++)
            {
                // Both ways into the page: the kernel window and its uncached alias (VMM_TO_UNCACHED_ADDR), through
                // which a DMA_NOCACHE buffer is used (los_vm_iomap.c), are 1 MiB boot sections until split here.
                var page = va + (i << VmZone.PageShift);
                TakeOut(page, held);
                TakeOut(VmIomap.VmmToUncachedAddr(page), held);
            }
            Enqueue(held);
        }

        private void TakeOut(uint page, Held held)
        {
            kernel.InvalidateLinearPage(page);
            heldByPage[page] = held;
        }

        private void PutBack(uint page)
        {
            kernel.RestoreLinearPage(page);
            heldByPage.Remove(page);
        }

        private void Enqueue(Held held)
        {
            quarantine.Enqueue(held);
            heldByAddress[held.Block.Address] = held;
            quarantineBytes += held.Bytes;
            while (quarantineBytes > oracle.Options.PageQuarantineBytes && quarantine.Count > 0)
            {
                Release(quarantine.Dequeue());
            }
        }

        private void Release(Held held)
        {
            quarantineBytes -= held.Bytes;
            heldByAddress.Remove(held.Block.Address);
            for (var i = 0u; i < held.Pages; i++)
            {
                var page = held.Va + (i << VmZone.PageShift);
                PutBack(page);
                PutBack(VmIomap.VmmToUncachedAddr(page));
            }
            if (samples.TryGetValue(held.Block.Address, out var sample))
            {
                samples.Remove(sample.Object);
                sampleByPage.Remove(sample.Page);
                sampleByPage.Remove(sample.Guard);
            }
            held.Release();
        }

        private void CheckCanaries(TrackedBlock block, Sample sample, string detectedBy, CallSite site)
        {
            var bytes = new byte[VmZone.PageSize];
            manager.Memory.ReadBytes(Pa(sample.Page), bytes, 0, bytes.Length);
            var objectOffset = (int)(sample.Object - sample.Page);
            int? changed = null;
            for (var i = 0; i < bytes.Length && changed == null; i++)
            {
                var inObject = i >= objectOffset && i < objectOffset + sample.Size;
                if (!inObject && bytes[i] != OracleOptions.RedzonePoison)
                {
                    changed = i;
                }
            }
            if (changed == null || !reported.Add(block))
            {
                return;
            }
            var at = sample.Page + (uint)changed.Value;
            oracle.Report(new Finding
            {
                Kind = FindingKind.RedzoneOverwrite, Address = at, Size = block.Size, Pc = site, Api = detectedBy,
                BlockAddress = block.Address, AllocSite = block.AllocSite, AllocApi = block.AllocApi, IsWrite = true, AccessSize = 1,
                Detail = at < sample.Object
                    ? $"{sample.Object - at} bytes before the {block.Size}-byte block (sampled: its page's canary)"
                    : $"{at - sample.Object - sample.Size} bytes after the {block.Size}-byte block (sampled: its page's canary)",
            });
        }

        private bool InManagedWindow(uint va) => va >= VmZone.KernelAspaceBase && va - VmZone.KernelAspaceBase < manager.Config.ManagedSize - 3;

        private uint Pa(uint va) => manager.Config.KernelVaToPa(va);

        /// <summary>One freed block held back: its pages (0 for a vmalloc VA) and how it really goes back.</summary>
        private sealed class Held
        {
            public Held(TrackedBlock block, uint va, uint pages, Action release, uint bytes)
            {
                Block = block;
                Va = va;
                Pages = pages;
                Release = release;
                Bytes = bytes;
            }

            public TrackedBlock Block { get; }

            public uint Va { get; }

            public uint Pages { get; }

            public Action Release { get; }

            public uint Bytes { get; }
        }

        /// <summary>A sampled heap object: its page, where in it the object starts, its guard page.</summary>
        private sealed class Sample
        {
            public Sample(uint page, uint obj, uint size)
            {
                Page = page;
                Object = obj;
                Size = size;
            }

            public uint Page { get; }

            public uint Object { get; }

            public uint Size { get; }

            public uint Guard => Page + VmZone.PageSize;
        }
    }
}
