using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>
    /// The model on in-memory guest RAM. Every figure is also given against one baseline measured in the same run, a
    /// 32-bit store into the in-memory guest RAM (the least any guest-visible operation can cost), so numbers from
    /// different machines compare as ratios.
    /// </summary>
    public static class ModelBenchmarks
    {
        private const uint ManagedSize = 0x04000000;
        private const uint UserRw = RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite;

        public static void Run(TextWriter output)
        {
            var baseline = GuestWordWrites();
            output.WriteLine($"baseline: guest RAM word writes        {baseline,14:N0} /s");
            Report(output, "page alloc+free pairs", PagePairs(), baseline);
            Report(output, "heap alloc+free pairs (mixed sizes)", HeapPairs(verifyHeaders: true), baseline);
            Report(output, "  same, no guest header check on free", HeapPairs(verifyHeaders: false), baseline);
            Report(output, "LOS_KernelMalloc+free pairs", KernelMallocPairs(), baseline);
            Report(output, "demand-zero faults serviced", DemandFaults(), baseline);
            Report(output, "copy-on-write faults serviced", CowFaults(), baseline);
            MapVersusDirectWrites(output);
            output.WriteLine($"host bytes per managed page            {HostBytesPerPage(),14:N0}");
        }

        private static void Report(TextWriter output, string what, double perSecond, double baseline) =>
            output.WriteLine($"{what,-38} {perSecond,14:N0} /s   = {baseline / perSecond,8:N1} word writes each");

        private static LiteOsMemoryManager Boot(out InMemoryGuestMemory memory)
        {
            var config = new MemoryConfig { ManagedSize = ManagedSize };
            memory = new InMemoryGuestMemory(config.RamBase, (int)ManagedSize);
            return new LiteOsMemoryManager(config, memory, new CountingTlb(), new QuietLog());
        }

        private static double GuestWordWrites()
        {
            var memory = new InMemoryGuestMemory(0x40000000, 0x100000);
            return Measure.OpsPerSecond(() =>
            {
                for (uint i = 0; i < 0x40000; i++)
                {
                    memory.WriteUInt32(0x40000000 + ((i * 4) & 0xFFFFC), i);
                }
                return 0x40000;
            });
        }

        private static double PagePairs()
        {
            var m = Boot(out _);
            var held = new uint[64];
            return Measure.OpsPerSecond(() =>
            {
                for (var i = 0; i < held.Length; i++)
                {
                    held[i] = m.LOS_PhysPageAlloc();
                }
                for (var i = held.Length - 1; i >= 0; i--)
                {
                    m.LOS_PhysPageFree(held[i]);
                }
                return held.Length;
            });
        }

        /// <summary>
        /// Sizes from a fixed mix (mostly small, some up to 4 KiB), with up to 256 blocks alive, freed in a shuffled
        /// order so the free lists and coalescing work as in a long-running kernel.
        /// </summary>
        private static double HeapPairs(bool verifyHeaders)
        {
            var m = Boot(out _);
            m.Heap.VerifyGuestHeadersOnFree = verifyHeaders;
            var random = new Random(7);
            var sizes = new uint[4096];
            for (var i = 0; i < sizes.Length; i++)
            {
                sizes[i] = (uint)(random.Next(8) == 0 ? random.Next(512, 4096) : random.Next(8, 256));
            }
            var live = new List<uint>();
            var next = 0;
            return Measure.OpsPerSecond(() =>
            {
                for (var i = 0; i < 1024; i++)
                {
                    live.Add(m.LOS_MemAlloc(m.SystemPool, sizes[next++ & 4095]));
                    if (live.Count > 256)
                    {
                        var victim = (int)(unchecked((uint)next * 7919u) % (uint)live.Count);
                        m.LOS_MemFree(m.SystemPool, live[victim]);
                        live[victim] = live[live.Count - 1];
                        live.RemoveAt(live.Count - 1);
                    }
                }
                return 1024;
            });
        }

        /// <summary>One large (page path) allocation in eight, the rest from the heap.</summary>
        private static double KernelMallocPairs()
        {
            var m = Boot(out _);
            var held = new uint[32];
            var round = 0;
            return Measure.OpsPerSecond(() =>
            {
                round++;
                for (var i = 0; i < held.Length; i++)
                {
                    var size = (i + round) % 8 == 0 ? 0x5000u + (uint)i * 0x100 : 16u + (uint)i * 24;
                    held[i] = m.LOS_KernelMalloc(size);
                }
                for (var i = 0; i < held.Length; i++)
                {
                    m.LOS_KernelFree(held[i]);
                }
                return held.Length;
            });
        }

        /// <summary>Touch every page of a 1 MiB anonymous mapping (a write translation fault each), then unmap it.</summary>
        private static double DemandFaults()
        {
            var m = Boot(out _);
            m.ActivateSpace(m.OsCreateUserVmSpace());
            return Measure.OpsPerSecond(() =>
            {
                var va = m.LOS_MMap(0, 0x100000, MmanFlags.ProtRead | MmanFlags.ProtWrite, MmanFlags.MapPrivate | MmanFlags.MapAnonymous, -1, 0);
                for (uint offset = 0; offset < 0x100000; offset += VmZone.PageSize)
                {
                    Fault(m, va + offset, 0x7);
                }
                m.LOS_UnMMap(va, 0x100000);
                return 256;
            });
        }

        /// <summary>Clone a space whose 256 pages are mapped, then write each page in the child (a COW fault each).</summary>
        private static double CowFaults()
        {
            var m = Boot(out _);
            var parent = m.OsCreateUserVmSpace();
            m.ActivateSpace(parent);
            var va = m.LOS_MMap(0, 0x100000, MmanFlags.ProtRead | MmanFlags.ProtWrite, MmanFlags.MapPrivate | MmanFlags.MapAnonymous, -1, 0);
            for (uint offset = 0; offset < 0x100000; offset += VmZone.PageSize)
            {
                Fault(m, va + offset, 0x7);
            }
            var faults = 0L;
            var watch = new Stopwatch();
            for (var round = 0; round < 2 || watch.Elapsed.TotalSeconds < 0.5; round++)
            {
                var child = m.OsCreateUserVmSpace();
                m.LOS_VmSpaceClone(0, parent, child);
                m.ActivateSpace(child);
                if (round > 0)
                {
                    watch.Start();
                }
                for (uint offset = 0; offset < 0x100000; offset += VmZone.PageSize)
                {
                    Fault(m, va + offset, 0xF);
                }
                watch.Stop();
                faults += round > 0 ? 256 : 0;
                m.ActivateSpace(parent);
                m.LOS_VmSpaceFree(child);
            }
            return faults / watch.Elapsed.TotalSeconds;
        }

        private static void Fault(LiteOsMemoryManager m, uint va, uint fs)
        {
            if (m.OsArmSharedPageFault(false, fs | 1u << 11, va, 0x10) != 0)
            {
                throw new InvalidOperationException($"fault at 0x{va:X8} not serviced");
            }
        }

        /// <summary>
        /// 64 MiB of 4 KiB pages (the PA is one page off a section boundary so no section can be used) in one
        /// LOS_ArchMmuMap call, and one call per page, against storing the same 16,384 PTE words directly.
        /// </summary>
        private static void MapVersusDirectWrites(TextWriter output)
        {
            const int pages = 0x4000;
            const uint va = 0x01000000;
            const uint pa = 0x40001000;
            var m = Boot(out var memory);
            var mmu = m.Mmu.CreateUserMmu();

            var direct = Measure.Seconds(() =>
            {
                for (uint i = 0; i < pages; i++)
                {
                    memory.WriteUInt32(0x40000000 + (i & 0x3FFF) * 4, pa + (i << 12) | 0x32);
                }
            });
            var oneCall = TimeMapping(() => Mapped(mmu.Map(va, pa, pages, UserRw), pages), () => mmu.Unmap(va, pages));
            var perPage = TimeMapping(() =>
            {
                for (uint i = 0; i < pages; i++)
                {
                    Mapped(mmu.Map(va + (i << 12), pa + (i << 12), 1, UserRw), 1);
                }
                return pages;
            }, () => mmu.Unmap(va, pages));
            output.WriteLine($"map 64 MiB of 4 KiB pages, one call     {oneCall * 1000,11:N2} ms   = {oneCall / direct,8:N2} x direct PTE writes ({direct * 1000:N2} ms)");
            output.WriteLine($"map 64 MiB of 4 KiB pages, page by page {perPage * 1000,11:N2} ms   = {perPage / direct,8:N2} x direct PTE writes");
        }

        private static int Mapped(int result, int expected) =>
            result == expected ? result : throw new InvalidOperationException($"LOS_ArchMmuMap mapped {result} of {expected} pages");

        private static double TimeMapping(Func<int> map, Func<int> unmap)
        {
            var watch = new Stopwatch();
            var runs = 0;
            for (var round = 0; round < 2 || watch.Elapsed.TotalSeconds < 0.5; round++)
            {
                if (round > 0)
                {
                    watch.Start();
                }
                map();
                watch.Stop();
                runs += round > 0 ? 1 : 0;
                unmap();
            }
            return watch.Elapsed.TotalSeconds / runs;
        }

        /// <summary>Managed heap grown by booting a model, less the guest RAM array, per managed page.</summary>
        private static long HostBytesPerPage()
        {
            var config = new MemoryConfig { ManagedSize = ManagedSize };
            var memory = new InMemoryGuestMemory(config.RamBase, (int)ManagedSize);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalMemory(true);
            var m = new LiteOsMemoryManager(config, memory, new CountingTlb(), new QuietLog());
            var after = GC.GetTotalMemory(true);
            GC.KeepAlive(m);
            GC.KeepAlive(memory);
            return (after - before) / (ManagedSize / VmZone.PageSize);
        }
    }
}
