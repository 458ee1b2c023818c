using System;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using BenchmarkDotNet.Attributes;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>
    /// The model on in-memory guest RAM (64 MiB managed), under BenchmarkDotNet: ns and bytes allocated per operation,
    /// and (Ratio, and the median-based Stores column) the cost of one operation in 32-bit guest RAM stores as the
    /// README's table counts them, measured in the same run (the baseline), so figures from different machines and
    /// loads compare. Every invocation leaves the model as
    /// it found it (what it allocates it frees), so the iterations measure a steady state.
    /// </summary>
    [Config(typeof(ModelBenchmarkConfig))]
    public class ModelBenchmarks
    {
        private const uint ManagedSize = 0x04000000;
        private const RegionFlags UserRw = RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite;
        private const int MixedRound = 1024;
        private const int LiveBlocks = 256;
        private const int MapPages = 0x4000;

        private InMemoryGuestMemory memory;
        private ByteWiseGuestRam byteWise;
        private MemoryModel m;
        private LosMemoryApi guest; // the calls as the guest makes them: pointers, pool and space handles
        private readonly uint[] held = new uint[1024];
        private readonly uint[] sizes = new uint[4096];
        private readonly uint[] small = new uint[4096];
        private readonly uint[] live = new uint[LiveBlocks + 1];
        private int liveCount;
        private int next;
        private int round;
        private ArchMmu userMmu;
        private uint demandSpace;
        private uint cowParent;
        private uint cowVa;

        [GlobalSetup]
        public void Setup()
        {
            var config = new MemoryConfig { ManagedSize = ManagedSize };
            memory = new InMemoryGuestMemory(config.RamBase, (int)ManagedSize);
            m = new MemoryModel(config, memory, new CountingTlb(), new QuietLog());
            guest = new LosMemoryApi(m);
            byteWise = new ByteWiseGuestRam(config.RamBase, 0x100000);
            var random = new Random(7);
            for (var i = 0; i < sizes.Length; i++)
            {
                // The README's mix since the first benchmark: mostly small, one in eight 512..4095 bytes.
                sizes[i] = (uint)(random.Next(8) == 0 ? random.Next(512, 4096) : random.Next(8, 256));
                small[i] = (uint)random.Next(32, 96);
            }
            liveCount = 0;
            next = 0;
            round = 0;
        }

        /// <summary>The unit: one word into guest RAM as the in-memory port stored it before (see <see cref="ByteWiseGuestRam"/>).</summary>
        [Benchmark(Baseline = true, OperationsPerInvoke = 1024, Description = "guest word store (unit: byte-wise port)")]
        public void GuestWordStore()
        {
            for (uint i = 0; i < 1024; i++)
            {
                byteWise.WriteUInt32(0x40000000 + ((i * 4) & 0xFFFFC), i);
            }
        }

        /// <summary>The same store through IGuestMemory on today's in-memory guest (one pointer store after a bounds check).</summary>
        [Benchmark(OperationsPerInvoke = 1024, Description = "guest word store (IGuestMemory, pointer)")]
        public void GuestWordStorePointer()
        {
            var port = (IGuestMemory)memory;
            for (uint i = 0; i < 1024; i++)
            {
                port.WriteUInt32(0x40000000 + ((i * 4) & 0xFFFFC), i);
            }
        }

        [Benchmark(OperationsPerInvoke = 64, Description = "LOS_PhysPageAlloc+Free pair")]
        public void PhysPagePair()
        {
            for (var i = 0; i < 64; i++)
            {
                held[i] = guest.LOS_PhysPageAlloc();
            }
            for (var i = 63; i >= 0; i--)
            {
                guest.LOS_PhysPageFree(held[i]);
            }
        }

        [Benchmark(OperationsPerInvoke = MixedRound, Description = "heap pair, mixed sizes, header check")]
        public void HeapMixedChecked() => HeapMixed(true);

        [Benchmark(OperationsPerInvoke = MixedRound, Description = "heap pair, mixed sizes, no check")]
        public void HeapMixedUnchecked() => HeapMixed(false);

        [Benchmark(OperationsPerInvoke = 256, Description = "LOS_MemAlloc+Free 32-95 B, check")]
        public void HeapSmallChecked() => HeapSmall(true);

        [Benchmark(OperationsPerInvoke = 256, Description = "LOS_MemAlloc+Free 32-95 B, no check")]
        public void HeapSmallUnchecked() => HeapSmall(false);

        [Benchmark(OperationsPerInvoke = 256, Description = "256 live 16-1039 B, replace one, check")]
        public void HeapReplaceChecked()
        {
            m.Heap.VerifyGuestHeadersOnFree = true;
            if (liveCount == 0)
            {
                for (; liveCount < LiveBlocks; liveCount++)
                {
                    live[liveCount] = guest.LOS_MemAlloc(m.SystemPool, 16 + sizes[liveCount] % 1024);
                }
            }
            for (var i = 0; i < 256; i++)
            {
                var victim = (int)(unchecked((uint)++next * 7919u) % LiveBlocks);
                guest.LOS_MemFree(m.SystemPool, live[victim]);
                live[victim] = guest.LOS_MemAlloc(m.SystemPool, 16 + sizes[next & 4095] % 1024);
            }
        }

        [Benchmark(OperationsPerInvoke = 32, Description = "LOS_KernelMalloc+Free pair, 1/8 large")]
        public void KernelMallocPair()
        {
            round++;
            for (var i = 0; i < 32; i++)
            {
                var size = (i + round) % 8 == 0 ? 0x5000u + (uint)i * 0x100 : 16u + (uint)i * 24;
                held[i] = m.LOS_KernelMalloc(size);
            }
            for (var i = 0; i < 32; i++)
            {
                m.LOS_KernelFree(held[i]);
            }
        }

        /// <summary>The heap share of <see cref="KernelMallocPair"/>: its 28 small sizes only (16..760 bytes).</summary>
        [Benchmark(OperationsPerInvoke = 32, Description = "LOS_KernelMalloc+Free pair, heap sizes")]
        public void KernelMallocPairHeap()
        {
            for (var i = 0; i < 32; i++)
            {
                held[i] = m.LOS_KernelMalloc(16u + (uint)(i % 28) * 24);
            }
            for (var i = 0; i < 32; i++)
            {
                m.LOS_KernelFree(held[i]);
            }
        }

        /// <summary>The page share of <see cref="KernelMallocPair"/>: its 5-7 page blocks only.</summary>
        [Benchmark(OperationsPerInvoke = 32, Description = "LOS_KernelMalloc+Free pair, page blocks")]
        public void KernelMallocPairPages()
        {
            for (var i = 0; i < 32; i++)
            {
                held[i] = m.LOS_KernelMalloc(0x5000u + (uint)i * 0x100);
            }
            for (var i = 0; i < 32; i++)
            {
                m.LOS_KernelFree(held[i]);
            }
        }

        [Benchmark(Description = "LOS_VMalloc(64 KiB)+LOS_VFree")]
        public void VMallocPair() => m.LOS_VFree(m.LOS_VMalloc(0x10000));

        /// <summary>The PA is one page off a section boundary, so no section can be used: 16,384 PTEs each way.</summary>
        [Benchmark(OperationsPerInvoke = MapPages, Description = "ArchMmuMap+Unmap 64 MiB, per 4 KiB page")]
        public void MapUnmapPerPage()
        {
            var mmu = userMmu ?? (userMmu = m.Mmu.CreateUserMmu());
            if (mmu.LOS_ArchMmuMap(0x01000000, 0x40001000, MapPages, UserRw) != MapPages || mmu.LOS_ArchMmuUnmap(0x01000000, MapPages) != MapPages)
            {
                throw new InvalidOperationException("LOS_ArchMmuMap/Unmap did not cover 64 MiB");
            }
        }

        /// <summary>mmap 1 MiB, a write translation fault on each of its 256 pages, munmap.</summary>
        [Benchmark(OperationsPerInvoke = 256, Description = "demand-zero fault (+mmap/munmap share)")]
        public void DemandFault()
        {
            if (demandSpace == 0)
            {
                demandSpace = guest.OsCreateUserVmSpace();
            }
            guest.ActivateSpace(demandSpace);
            var va = m.LOS_MMap(0, 0x100000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);
            for (uint offset = 0; offset < 0x100000; offset += VmZone.PageSize)
            {
                Fault(va + offset, 0x7);
            }
            m.LOS_UnMMap(va, 0x100000);
        }

        /// <summary>Clone a space with 256 mapped pages, a copy-on-write fault on each page in the child, free the child.</summary>
        [Benchmark(OperationsPerInvoke = 256, Description = "copy-on-write fault (+clone/free share)")]
        public void CowFault()
        {
            if (cowParent == 0)
            {
                cowParent = guest.OsCreateUserVmSpace();
                guest.ActivateSpace(cowParent);
                cowVa = m.LOS_MMap(0, 0x100000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);
                for (uint offset = 0; offset < 0x100000; offset += VmZone.PageSize)
                {
                    Fault(cowVa + offset, 0x7);
                }
            }
            var child = guest.OsCreateUserVmSpace();
            guest.LOS_VmSpaceClone(0, cowParent, child);
            guest.ActivateSpace(child);
            for (uint offset = 0; offset < 0x100000; offset += VmZone.PageSize)
            {
                Fault(cowVa + offset, 0xF);
            }
            guest.ActivateSpace(cowParent);
            guest.LOS_VmSpaceFree(child);
        }

        private void HeapMixed(bool check)
        {
            m.Heap.VerifyGuestHeadersOnFree = check;
            for (var i = 0; i < MixedRound; i++)
            {
                live[liveCount++] = guest.LOS_MemAlloc(m.SystemPool, sizes[next++ & 4095]);
                if (liveCount > LiveBlocks)
                {
                    var victim = (int)(unchecked((uint)next * 7919u) % (uint)liveCount);
                    guest.LOS_MemFree(m.SystemPool, live[victim]);
                    live[victim] = live[--liveCount];
                }
            }
        }

        private void HeapSmall(bool check)
        {
            m.Heap.VerifyGuestHeadersOnFree = check;
            for (var i = 0; i < 256; i++)
            {
                guest.LOS_MemFree(m.SystemPool, guest.LOS_MemAlloc(m.SystemPool, small[next++ & 4095]));
            }
        }

        private void Fault(uint va, uint fs)
        {
            if (guest.OsArmSharedPageFault(false, fs | 1u << 11, va, 0x10) != 0)
            {
                throw new InvalidOperationException($"fault at 0x{va:X8} not serviced");
            }
        }
    }
}
