using System;
using System.Collections.Generic;
using System.Linq;
using HarmonyRenode.Core.Facade;

namespace HarmonyRenode.Core.Oracle
{
    /// <summary>
    /// --sanitize for the heap, as ASan and KFENCE do it: every block is allocated with a poisoned redzone after it
    /// (checked at free and at exit), and a freed block is filled with poison and held in a bounded quarantine, so the
    /// pool does not hand its memory out again at once; a changed poison byte when it leaves the quarantine or at exit is
    /// a write after free, found after the fact, so without the writer's PC. Sampled blocks (<see cref="PageSanitizer"/>)
    /// live on pages of their own instead, where a bad access faults at its PC. The node header before each block is
    /// already checked against the model's shadow.
    /// </summary>
    internal sealed class HeapSanitizer
    {
        private readonly MemoryModel manager;
        private readonly MemoryOracle oracle;
        private readonly Queue<TrackedBlock> quarantine = new Queue<TrackedBlock>();
        private readonly HashSet<uint> quarantined = new HashSet<uint>();
        private readonly HashSet<uint> redzoned = new HashSet<uint>();
        private readonly HashSet<TrackedBlock> reported = new HashSet<TrackedBlock>();
        private readonly PageSanitizer pages;
        private ulong quarantineBytes;

        public HeapSanitizer(MemoryModel manager, MemoryOracle oracle, PageSanitizer pages)
        {
            this.manager = manager;
            this.oracle = oracle;
            this.pages = pages;
        }

        private uint Redzone => oracle.Options.RedzoneSize;

        /// <summary>Held back by either quarantine: a free of it now is a double free the pool would refuse.</summary>
        public bool IsQuarantined(uint address) => quarantined.Contains(address) || pages.IsQuarantined(address);

        public int QuarantinedBlocks => quarantine.Count;

        /// <summary>
        /// A sampled allocation (<see cref="PageSanitizer.TrySample"/>) or size + redzone through
        /// <paramref name="allocate"/> with the redzone poisoned. <paramref name="boundary"/>: LOS_MemAllocAlign's (the
        /// pool's own 4 bytes for the other calls); one the pool would refuse is never sampled, so the call still fails.
        /// </summary>
        public uint Alloc(uint size, Func<uint, uint> allocate, uint boundary = 4)
        {
            if (pages.TrySample(size, boundary, out var sampled))
            {
                return sampled;
            }
            if (size > uint.MaxValue - Redzone)
            {
                return allocate(size);
            }
            var p = allocate(size + Redzone);
            if (p != 0)
            {
                manager.Memory.Fill(Pa(p + size), (int)Redzone, OracleOptions.RedzonePoison);
                redzoned.Add(p);
            }
            return p;
        }

        /// <summary>
        /// A redzoned block the model freed itself: a small LOS_KernelMalloc whose size plus redzone became a page
        /// block is freed as a page block, so its redzone entry must go too, or the next block at that address
        /// would be checked against a redzone it never had.
        /// </summary>
        public void Forget(uint address) => redzoned.Remove(address);

        /// <summary>
        /// Such a block (a small LOS_KernelMalloc that became a page block with its redzone) freed as a page block into
        /// <see cref="PageSanitizer"/>'s quarantine: its redzone is checked now, as a heap block's is at its free, and
        /// forgotten, since the pages go back to the allocator from the quarantine, not through here.
        /// </summary>
        public void FreePageBlock(TrackedBlock block, string api, CallSite site)
        {
            if (redzoned.Remove(block.Address))
            {
                CheckRedzone(block, api, site);
            }
        }

        public void Free(TrackedBlock block, string api, CallSite site)
        {
            if (pages.IsSampled(block.Address))
            {
                oracle.Freed(block, api, site);
                pages.FreeSample(block, api, site);
                return;
            }
            CheckRedzone(block, api, site);
            redzoned.Remove(block.Address);
            oracle.Freed(block, api, site);
            manager.Memory.Fill(Pa(block.Address), (int)block.Size, OracleOptions.FreedPoison);
            quarantine.Enqueue(block);
            quarantined.Add(block.Address);
            quarantineBytes += block.Size;
            while (quarantineBytes > oracle.Options.QuarantineBytes && quarantine.Count > 0)
            {
                Release(quarantine.Dequeue());
            }
        }

        /// <summary>A moving realloc: the old block goes to the quarantine so that a write through the old pointer shows.</summary>
        public uint Realloc(TrackedBlock old, uint size, string api, Func<uint, uint> allocate, CallSite site)
        {
            var p = Alloc(size, allocate);
            if (p == 0)
            {
                return 0;
            }
            var n = (int)Math.Min(old.Size, size);
            var bytes = new byte[n];
            manager.Memory.ReadBytes(Pa(old.Address), bytes, 0, n);
            manager.Memory.WriteBytes(Pa(p), bytes, 0, n);
            Free(old, api, site);
            oracle.Allocated(AllocationKind.Heap, p, size, api, site);
            return p;
        }

        /// <summary>Exit: every live redzone and every quarantined block.</summary>
        public void CheckAll()
        {
            foreach (var block in oracle.Live.Where(b => redzoned.Contains(b.Address)).ToList())
            {
                CheckRedzone(block, "exit", CallSite.At(0));
            }
            foreach (var block in quarantine)
            {
                CheckPoison(block, "exit");
            }
            pages.CheckAll();
        }

        private void Release(TrackedBlock block)
        {
            CheckPoison(block, "quarantine release");
            quarantined.Remove(block.Address);
            quarantineBytes -= block.Size;
            manager.Heap.LOS_MemFree(block.Address);
        }

        /// <param name="site">The free's call site (the check runs in that call), or no site at exit.</param>
        private void CheckRedzone(TrackedBlock block, string detectedBy, CallSite site)
        {
            var at = FirstChanged(block.Address + block.Size, Redzone, OracleOptions.RedzonePoison);
            if (at.HasValue && reported.Add(block))
            {
                oracle.Report(new Finding
                {
                    Kind = FindingKind.RedzoneOverwrite, Address = at.Value, Size = block.Size, Pc = site, Api = detectedBy,
                    BlockAddress = block.Address, AllocSite = block.AllocSite, AllocApi = block.AllocApi, IsWrite = true, AccessSize = 1,
                    Detail = $"{at.Value - block.Address - block.Size} bytes after the {block.Size}-byte block",
                });
            }
        }

        private void CheckPoison(TrackedBlock block, string detectedBy)
        {
            var at = FirstChanged(block.Address, block.Size, OracleOptions.FreedPoison);
            if (at.HasValue && reported.Add(block))
            {
                oracle.Report(new Finding
                {
                    Kind = FindingKind.UseAfterFree, Address = at.Value, Size = block.Size, Pc = CallSite.At(0), Api = detectedBy,
                    BlockAddress = block.Address, AllocSite = block.AllocSite, AllocApi = block.AllocApi,
                    FreeSite = block.FreeSite, FreeApi = block.FreeApi, IsWrite = true, AccessSize = 1,
                    Detail = $"write {at.Value - block.Address} bytes into the freed {block.Size}-byte block",
                });
            }
        }

        private uint? FirstChanged(uint va, uint length, byte poison)
        {
            var bytes = new byte[length];
            manager.Memory.ReadBytes(Pa(va), bytes, 0, (int)length);
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] != poison)
                {
                    return va + (uint)i;
                }
            }
            return null;
        }

        private uint Pa(uint va) => manager.Config.KernelVaToPa(va);
    }
}
