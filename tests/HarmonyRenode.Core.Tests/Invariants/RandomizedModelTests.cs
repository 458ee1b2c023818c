using System;
using System.Collections.Generic;
using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Tests.Facade;
using HarmonyRenode.Core.Vm;
using CsCheck;
using NUnit.Framework;
using static HarmonyRenode.Core.Tests.Facade.ManagerFixture;

namespace HarmonyRenode.Core.Tests.Invariants
{
    /// <summary>
    /// Property: any sequence of mixed operations through the guest-facing API keeps every invariant after every
    /// operation, and a data pattern in every live allocation survives until its free (so overlapping allocations
    /// cannot hide). CsCheck generates the sequences (each run tries new seeds; a failure prints the seed to replay,
    /// `CsCheck_Seed=...`) and shrinks a failing one to a short sequence, which the failure message lists.
    /// </summary>
    public class RandomizedModelTests
    {
        /// <summary>
        /// LiteOS-A panics when it cannot get a page for an L2 table while mapping (OsMapL1PTE, "failed to allocate
        /// pagetable"), as a fault, a vmalloc or a clone can do on a full machine; the workload keeps this many pages
        /// free so that the run tests the model, not that panic (the exhaustion error codes have their own tests).
        /// </summary>
        private const int ReservePages = 512;

        /// <summary>An operation: which kind (0..99, weighted as in <see cref="Run.Step"/>) and the seed of its parameters.</summary>
        private static readonly Gen<(int Choice, int Param)[]> Sequences =
            Gen.Select(Gen.Int[0, 99], Gen.Int[0, 1 << 20]).Array[1, 400];

        /// <summary>
        /// 500 sequences of up to 400 operations (about 100,000 operations, each followed by the whole checker),
        /// covering every served kernel function family (heap, kernel malloc, pages and page lists, vmalloc, mmap,
        /// DMA, LOS_ArchMmu*, LOS_VaddrToPaddrMmap, System V shared memory, clone, private pools, lookups, bad input),
        /// from new seeds every run; `CsCheck_Seed=SEED` in the environment replays the one a failure names.
        /// </summary>
        [Test]
        public void Mixed_operations_keep_every_invariant()
        {
            Sequences.Sample(ops => Property(ops, brokenContiguous: false, checkEachStep: true), iter: 500, threads: 1, print: Describe);
        }

        [Test]
        public void A_bug_is_shrunk_to_a_short_sequence_that_the_failure_lists()
        {
            // A deliberately broken model: the second live contiguous run corrupts a free page's reference count.
            // Random sequences find it after tens of operations; the shrunk one needs only two contiguous allocations.
            var failure = Assert.Catch(() => Sequences.Sample(ops => Property(ops, brokenContiguous: true, checkEachStep: false),
                iter: 30_000, threads: 1, print: Describe));

            TestContext.Progress.WriteLine(failure.Message);
            var listed = System.Text.RegularExpressions.Regex.Match(failure.Message, @"(\d+) operations: ");
            Assert.That(listed.Success, Is.True, failure.Message);
            Assert.That(int.Parse(listed.Groups[1].Value), Is.InRange(2, 12), failure.Message);
            Assert.That(failure.Message, Does.Contain("contiguous alloc").And.Contain("CsCheck_Seed="));
        }

        private static void Property((int Choice, int Param)[] ops, bool brokenContiguous, bool checkEachStep)
        {
            var run = new Run(new ManagerFixture(0x01000000), brokenContiguous);
            for (var i = 0; i < ops.Length; i++)
            {
                var op = run.Step(ops[i].Choice, ops[i].Param);
                if (checkEachStep || i == ops.Length - 1)
                {
                    var violations = run.F.Manager.CheckInvariants();
                    if (violations.Count > 0)
                    {
                        throw new InvalidOperationException($"after operation {i + 1} ({op}): {string.Join("; ", violations.Take(5))}");
                    }
                }
            }
            if (run.PatternErrors.Count > 0)
            {
                throw new InvalidOperationException("allocation patterns overwritten: " + string.Join("; ", run.PatternErrors.Take(5)));
            }
        }

        private static string Describe((int Choice, int Param)[] ops) =>
            $"{ops.Length} operations: " + string.Join(", ", ops.Select(o => $"{Run.Name(o.Choice)}#{o.Param}"));

        private sealed class Run
        {
            private readonly bool brokenContiguous;
            private Random random;
            private readonly List<(uint Ptr, uint Size, uint Tag)> heap = new List<(uint, uint, uint)>();
            private readonly List<(uint Ptr, uint Size, uint Tag)> kmalloc = new List<(uint, uint, uint)>();
            private readonly List<uint> pages = new List<uint>();
            private readonly List<(uint Ptr, uint Pages)> contiguous = new List<(uint, uint)>();
            private readonly List<uint> vmallocs = new List<uint>();
            private readonly List<(uint Va, uint Size)> mmaps = new List<(uint, uint)>();
            private readonly List<uint> spaces = new List<uint>();
            private readonly List<(uint Pool, List<uint> Blocks)> pools = new List<(uint, List<uint>)>();
            private readonly List<(uint Ptr, uint Size, uint Tag)> dma = new List<(uint, uint, uint)>();
            private readonly List<uint> pageLists = new List<uint>();
            private readonly List<uint> driverRegions = new List<uint>();
            private readonly List<int> shmids = new List<int>();
            private readonly List<uint> attaches = new List<uint>();
            private uint tag;

            public Run(ManagerFixture f, bool brokenContiguous)
            {
                F = f;
                this.brokenContiguous = brokenContiguous;
                spaces.Add(f.EnterUserSpace());
                Assert.That(f.Manager.ShmInit(), Is.EqualTo(LosReturn.Ok));
            }

            public ManagerFixture F { get; }

            public List<string> PatternErrors { get; } = new List<string>();

            private MemoryModel M => F.Manager;

            private LosMemoryApi G => F.Api;

            /// <summary>One operation; <paramref name="param"/> seeds its sizes and picks, so a sequence replays exactly.</summary>
            public string Step(int choice, int param)
            {
                random = new Random(param);
                string op;
                if (M.Phys.FreePageCount < ReservePages) op = Reclaim();
                else if (choice < 12) op = HeapAlloc();
                else if (choice < 22) op = HeapFree();
                else if (choice < 25) op = HeapRealloc();
                else if (choice < 32) op = KernelMalloc();
                else if (choice < 38) op = KernelFree();
                else if (choice < 42) op = PageAlloc();
                else if (choice < 46) op = PageFree();
                else if (choice < 48) op = ContiguousAlloc();
                else if (choice < 50) op = ContiguousFree();
                else if (choice < 52) op = VMalloc();
                else if (choice < 54) op = VFree();
                else if (choice < 59) op = MMap();
                else if (choice < 62) op = MUnmap();
                else if (choice < 64) op = MProtect();
                else if (choice < 82) op = Touch();
                else if (choice < 84) op = SharedMemory();
                else if (choice < 85) op = DmaAlloc();
                else if (choice < 86) op = DmaFree();
                else if (choice < 87) op = PageList();
                else if (choice < 88) op = DriverMapping();
                else if (choice < 89) op = CloneOrSwitch();
                else if (choice < 90) op = FreeSpace();
                else if (choice < 93) op = Brk();
                else if (choice < 96) op = BadInput();
                else if (choice < 98) op = PrivatePool();
                else op = Lookup();
                return op;
            }

            /// <summary>What <see cref="Step"/> does for <paramref name="choice"/> while enough pages are free.</summary>
            public static string Name(int choice) =>
                choice < 12 ? "heap alloc" : choice < 22 ? "heap free" : choice < 25 ? "heap realloc" : choice < 32 ? "kernel malloc"
                : choice < 38 ? "kernel free" : choice < 42 ? "page alloc" : choice < 46 ? "page free" : choice < 48 ? "contiguous alloc"
                : choice < 50 ? "contiguous free" : choice < 52 ? "vmalloc" : choice < 54 ? "vfree" : choice < 59 ? "mmap"
                : choice < 62 ? "munmap" : choice < 64 ? "mprotect" : choice < 82 ? "touch" : choice < 84 ? "shm" : choice < 85 ? "dma alloc"
                : choice < 86 ? "dma free" : choice < 87 ? "page list" : choice < 88 ? "driver mapping" : choice < 89 ? "clone or switch"
                : choice < 90 ? "free space" : choice < 93 ? "brk" : choice < 96 ? "bad input" : choice < 98 ? "private pool" : "lookup";

            private string Reclaim()
            {
                switch (random.Next(11))
                {
                    case 0: return HeapFree();
                    case 1: return KernelFree();
                    case 2: return PageFree();
                    case 3: return ContiguousFree();
                    case 4: return VFree();
                    case 5: return MUnmap();
                    case 6: return DmaFree();
                    case 7: return FreePageList();
                    case 8: return FreeDriverRegion();
                    case 9: return ShmRemove();
                    default: return FreeSpace();
                }
            }

            private string HeapAlloc()
            {
                var size = (uint)(random.Next(4) == 0 ? random.Next(1, 6000) : random.Next(1, 200));
                var ptr = random.Next(5) == 0
                    ? G.LOS_MemAllocAlign(M.SystemPool, size, 1u << random.Next(2, 9))
                    : G.LOS_MemAlloc(M.SystemPool, size);
                Remember(heap, ptr, size);
                return "heap alloc";
            }

            private string HeapFree()
            {
                if (!TakeRandom(heap, out var block))
                {
                    return "heap free (none)";
                }
                Verify(block);
                Assert.That(G.LOS_MemFree(M.SystemPool, block.Ptr), Is.EqualTo(LosReturn.Ok));
                return "heap free";
            }

            private string HeapRealloc()
            {
                if (!TakeRandom(heap, out var block))
                {
                    return "heap realloc (none)";
                }
                Verify(block);
                var size = (uint)random.Next(8, 3000);
                var ptr = G.LOS_MemRealloc(M.SystemPool, block.Ptr, size);
                if (ptr == 0)
                {
                    heap.Add(block);
                }
                else
                {
                    Remember(heap, ptr, size);
                }
                return "heap realloc";
            }

            private string KernelMalloc()
            {
                var size = (uint)(random.Next(3) == 0 ? random.Next(0x4000, 0x12000) : random.Next(1, 0x4000));
                Remember(kmalloc, M.LOS_KernelMalloc(size), size);
                return "kernel malloc";
            }

            private string KernelFree()
            {
                if (!TakeRandom(kmalloc, out var block))
                {
                    return "kernel free (none)";
                }
                Verify(block);
                M.LOS_KernelFree(block.Ptr);
                return "kernel free";
            }

            private string PageAlloc()
            {
                var page = G.LOS_PhysPageAlloc();
                if (page != 0)
                {
                    pages.Add(page);
                }
                return "page alloc";
            }

            private string PageFree()
            {
                if (!TakeRandom(pages, out var page))
                {
                    return "page free (none)";
                }
                G.LOS_PhysPageFree(page);
                return "page free";
            }

            private string ContiguousAlloc()
            {
                var n = (uint)random.Next(1, 300);
                var ptr = M.LOS_PhysPagesAllocContiguous(n);
                if (ptr != 0)
                {
                    contiguous.Add((ptr, n));
                }
                if (brokenContiguous && contiguous.Count >= 2)
                {
                    M.Phys.Pages.Last(p => M.Phys.IsFree(p)).RefCounts = 1; // the injected bug
                }
                return "contiguous alloc";
            }

            private string ContiguousFree()
            {
                if (!TakeRandom(contiguous, out var block))
                {
                    return "contiguous free (none)";
                }
                M.LOS_PhysPagesFreeContiguous(block.Ptr, block.Pages);
                return "contiguous free";
            }

            private string VMalloc()
            {
                var va = M.LOS_VMalloc((uint)random.Next(1, 0x40000));
                if (va != 0)
                {
                    vmallocs.Add(va);
                }
                return "vmalloc";
            }

            private string VFree()
            {
                if (!TakeRandom(vmallocs, out var va))
                {
                    return "vfree (none)";
                }
                M.LOS_VFree(va);
                return "vfree";
            }

            private string MMap()
            {
                var size = (uint)random.Next(1, 64) * VmZone.PageSize;
                var prot = random.Next(4) == 0 ? ProtFlags.Read : ProtFlags.Read | ProtFlags.Write;
                var va = M.LOS_MMap(0, size, prot, MapFlags.Private | MapFlags.Anonymous, -1, 0);
                if (!VmSyscalls.IsError(va))
                {
                    mmaps.Add((va, size));
                }
                return "mmap";
            }

            private string MUnmap()
            {
                if (mmaps.Count == 0)
                {
                    return "munmap (none)";
                }
                var index = random.Next(mmaps.Count);
                var (va, size) = mmaps[index];
                // Unmap a random page-aligned piece: the region splits, and whatever is left stays tracked.
                var first = (uint)random.Next((int)(size >> 12));
                var count = (uint)random.Next(1, (int)(size >> 12) - (int)first + 1);
                M.LOS_UnMMap(va + (first << 12), count << 12);
                mmaps.RemoveAt(index);
                if (first > 0)
                {
                    mmaps.Add((va, first << 12));
                }
                var tail = (size >> 12) - first - count;
                if (tail > 0)
                {
                    mmaps.Add((va + ((first + count) << 12), tail << 12));
                }
                return "munmap";
            }

            private string MProtect()
            {
                if (mmaps.Count == 0)
                {
                    return "mprotect (none)";
                }
                var (va, size) = mmaps[random.Next(mmaps.Count)];
                var prot = random.Next(2) == 0 ? ProtFlags.Read : ProtFlags.Read | ProtFlags.Write;
                M.LOS_DoMprotect(va, size, prot);
                return "mprotect";
            }

            private string Touch()
            {
                if (mmaps.Count == 0)
                {
                    return "touch (none)";
                }
                var (va, size) = mmaps[random.Next(mmaps.Count)];
                var address = va + (uint)random.Next((int)size);
                var write = random.Next(3) != 0;
                var mapped = M.LOS_PaddrQuery(address) != 0;
                var fsr = (mapped ? FsrPermissionPage : FsrTranslationPage) | (write ? FsrWrite : 0);
                G.OsArmSharedPageFault(false, fsr, address, UsrCpsr);
                return write ? "write fault" : "read fault";
            }

            private string CloneOrSwitch()
            {
                if (spaces.Count < 4 && random.Next(2) == 0)
                {
                    var child = G.OsCreateUserVmSpace();
                    if (child == 0)
                    {
                        return "clone (no space)";
                    }
                    var parent = LosMemoryApi.AddressOf(M.Vm.Spaces.CurrentSpace);
                    if (G.LOS_VmSpaceClone(0, parent, child) != 0)
                    {
                        G.LOS_VmSpaceFree(child);
                        return "clone (failed)";
                    }
                    spaces.Add(child);
                    G.ActivateSpace(child);
                    return "clone";
                }
                G.ActivateSpace(spaces[random.Next(spaces.Count)]);
                ResyncMmaps();
                return "switch space";
            }

            private string FreeSpace()
            {
                if (spaces.Count < 2)
                {
                    return "free space (last)";
                }
                var index = random.Next(spaces.Count);
                var victim = spaces[index];
                spaces.RemoveAt(index);
                G.ActivateSpace(spaces[0]);
                Assert.That(G.LOS_VmSpaceFree(victim), Is.Zero);
                ResyncMmaps();
                return "free space";
            }

            private string Brk()
            {
                var now = M.LOS_DoBrk(0);
                var target = now + (uint)random.Next(-0x3000, 0x6000);
                M.LOS_DoBrk(target);
                return "brk";
            }

            /// <summary>LOS_DmaMemAlloc, cached or uncached; the pattern goes in through the kernel address.</summary>
            private string DmaAlloc()
            {
                var size = (uint)(random.Next(4) == 0 ? random.Next(0x4000, 0x9000) : random.Next(1, 0x1000));
                var uncached = random.Next(2) == 0;
                var ptr = M.LOS_DmaMemAlloc(size, 1u << random.Next(2, 8), uncached ? DmaMemType.DmaNoCache : DmaMemType.DmaCache, out var pa);
                if (ptr != 0)
                {
                    var kernel = uncached ? ptr - VmZone.UncachedVmmBase + VmZone.KernelAspaceBase : ptr;
                    Assert.That(pa, Is.EqualTo(M.LOS_PaddrQuery(kernel)));
                    Assert.That(M.LOS_DmaVaddrToPaddr(ptr), Is.EqualTo(uncached ? 0 : pa));
                    Remember(dma, kernel, size);
                    dma[dma.Count - 1] = (ptr, size, dma[dma.Count - 1].Tag);
                }
                return uncached ? "dma alloc uncached" : "dma alloc";
            }

            private string DmaFree()
            {
                if (!TakeRandom(dma, out var block))
                {
                    return "dma free (none)";
                }
                var kernel = block.Ptr >= VmZone.UncachedVmmBase ? block.Ptr - VmZone.UncachedVmmBase + VmZone.KernelAspaceBase : block.Ptr;
                Verify((kernel, block.Size, block.Tag));
                M.LOS_DmaMemFree(block.Ptr);
                return "dma free";
            }

            /// <summary>LOS_PhysPagesAlloc onto a list head in the heap, more pages on an existing list, or the list freed.</summary>
            private string PageList()
            {
                if (pageLists.Count > 0 && random.Next(3) == 0)
                {
                    return FreePageList();
                }
                uint list;
                if (pageLists.Count > 0 && random.Next(2) == 0)
                {
                    list = pageLists[random.Next(pageLists.Count)];
                }
                else
                {
                    list = G.LOS_MemAlloc(M.SystemPool, 8);
                    if (list == 0)
                    {
                        return "page list (no head)";
                    }
                    F.Memory.WriteUInt32(F.Config.KernelVaToPa(list), list);
                    F.Memory.WriteUInt32(F.Config.KernelVaToPa(list + 4), list);
                    pageLists.Add(list);
                }
                var before = M.GuestListPages(list).Count;
                var got = M.LOS_PhysPagesAlloc((uint)random.Next(1, 9), list);
                Assert.That(M.GuestListPages(list).Count, Is.EqualTo(before + (int)got));
                return "page list alloc";
            }

            private string FreePageList()
            {
                if (!TakeRandom(pageLists, out var list))
                {
                    return "page list free (none)";
                }
                var nodes = M.GuestListPages(list).Count;
                Assert.That(M.LOS_PhysPagesFree(list), Is.EqualTo((uint)nodes));
                Assert.That(G.LOS_MemFree(M.SystemPool, list), Is.EqualTo(LosReturn.Ok));
                return "page list free";
            }

            /// <summary>
            /// A driver's mappings in the vmalloc space: device pages mapped with LOS_ArchMmuMap in a region of their
            /// own, then moved, made read-only or unmapped inside it; or pages handed to a region by LOS_VaddrToPaddrMmap.
            /// </summary>
            private string DriverMapping()
            {
                if (driverRegions.Count > 0 && random.Next(3) == 0)
                {
                    return FreeDriverRegion();
                }
                var vmalloc = G.LOS_GetVmallocSpace();
                var mmu = vmalloc + HarmonyRenode.Core.Vm.LosVmSpaceLayout.ArchMmu;
                var pages = (uint)random.Next(1, 9);
                if (random.Next(2) == 0)
                {
                    var handle = G.LOS_RegionAlloc(vmalloc, 0, pages << 12, (uint)(RegionFlags.PermRead | RegionFlags.PermWrite | RegionFlags.UncachedDevice), 0);
                    if (handle == 0)
                    {
                        return "device map (no region)";
                    }
                    var va = G.RegionAt(handle).Base;
                    driverRegions.Add(va);
                    var device = 0x09000000u + ((uint)random.Next(0x100) << 12);
                    const uint deviceRw = (uint)(RegionFlags.PermRead | RegionFlags.PermWrite | RegionFlags.UncachedDevice);
                    Assert.That(G.LOS_ArchMmuMap(mmu, va, device, pages - 1, deviceRw), Is.EqualTo((int)pages - 1));
                    Assert.That(G.LOS_ArchMmuMove(mmu, va, va + ((pages - 1) << 12), 1, deviceRw), Is.EqualTo(LosReturn.Ok));
                    Assert.That(G.LOS_ArchMmuChangeProt(mmu, va, pages, (uint)(RegionFlags.PermRead | RegionFlags.UncachedDevice)), Is.EqualTo(LosReturn.Ok));
                    var last = va + ((pages - 1) << 12);
                    Assert.That(G.LOS_ArchMmuQuery(mmu, last, out var pa, out var flags), Is.EqualTo(pages > 1 ? 0 : (int)VmStatus.NotFound));
                    Assert.That(pa, Is.EqualTo(pages > 1 ? device : (uint?)null));
                    if (random.Next(2) == 0)
                    {
                        G.LOS_ArchMmuUnmap(mmu, va + ((uint)random.Next((int)pages) << 12), 1);
                    }
                    return "device map";
                }
                var first = G.LOS_PhysPageAlloc();
                if (first == 0)
                {
                    return "vaddr to paddr mmap (no page)";
                }
                var at = 0xC6000000u + ((uint)random.Next(0x1000) << 12);
                var status = G.LOS_VaddrToPaddrMmap(vmalloc, at, G.PageOf(first).PhysAddr, VmZone.PageSize, (uint)(RegionFlags.PermRead | RegionFlags.PermWrite));
                if (status != 0)
                {
                    G.LOS_PhysPageFree(first);
                    return "vaddr to paddr mmap (busy)";
                }
                driverRegions.Add(at); // the region holds the page's only reference now
                return "vaddr to paddr mmap";
            }

            private string FreeDriverRegion()
            {
                if (!TakeRandom(driverRegions, out var va))
                {
                    return "driver region free (none)";
                }
                var vmalloc = G.LOS_GetVmallocSpace();
                Assert.That(G.LOS_RegionFree(vmalloc, G.LOS_RegionFind(vmalloc, va)), Is.Zero);
                return "driver region free";
            }

            /// <summary>LOS_MemInit on a system-heap buffer, allocations and frees in it, LOS_MemDeInit and the buffer back.</summary>
            private string PrivatePool()
            {
                if (pools.Count < 3 && random.Next(3) == 0)
                {
                    var buffer = G.LOS_MemAlloc(M.SystemPool, (uint)random.Next(0x1000, 0x4000));
                    if (buffer == 0)
                    {
                        return "pool init (no buffer)";
                    }
                    Assert.That(G.LOS_MemInit(buffer, M.Heap.GetNode(buffer - 12).Value.Size - 12), Is.EqualTo(LosReturn.Ok));
                    pools.Add((buffer, new List<uint>()));
                    return "pool init";
                }
                if (pools.Count == 0)
                {
                    return "pool (none)";
                }
                var (pool, blocks) = pools[random.Next(pools.Count)];
                switch (random.Next(6))
                {
                    case 0:
                        Assert.That(G.LOS_MemDeInit(pool), Is.EqualTo(LosReturn.Ok));
                        Assert.That(G.LOS_MemFree(M.SystemPool, pool), Is.EqualTo(LosReturn.Ok));
                        pools.RemoveAll(p => p.Pool == pool);
                        return "pool deinit";
                    case 1:
                    case 2:
                        if (blocks.Count > 0)
                        {
                            var i = random.Next(blocks.Count);
                            Assert.That(G.LOS_MemFree(pool, blocks[i]), Is.EqualTo(LosReturn.Ok));
                            blocks.RemoveAt(i);
                            return "pool free";
                        }
                        return "pool free (none)";
                    default:
                        var ptr = G.LOS_MemAlloc(pool, (uint)random.Next(1, 600));
                        if (ptr != 0)
                        {
                            blocks.Add(ptr);
                        }
                        Assert.That(G.LOS_MemIntegrityCheck(pool), Is.EqualTo(LosReturn.Ok));
                        return "pool alloc";
                }
            }

            /// <summary>Look-ups that must agree with what the run holds.</summary>
            private string Lookup()
            {
                if (vmallocs.Count > 0)
                {
                    var va = vmallocs[random.Next(vmallocs.Count)];
                    var v = G.LOS_GetVmallocSpace();
                    Assert.That(G.LOS_SpaceGet(va), Is.EqualTo(v));
                    Assert.That(G.LOS_RegionFind(v, va), Is.Not.Zero);
                    Assert.That(G.LOS_PaddrToKVaddr(M.LOS_PaddrQuery(va)), Is.Not.Zero);
                }
                Assert.That(G.LOS_CurrSpaceGet(), Is.Not.Zero);
                return "lookup";
            }

            /// <summary>System V shared memory: get, attach (anywhere, at an address, read-only), detach, IPC_STAT, IPC_RMID.</summary>
            private string SharedMemory()
            {
                switch (random.Next(7))
                {
                    case 0:
                    case 1:
                        if (shmids.Count >= 8)
                        {
                            return ShmRemove();
                        }
                        var key = random.Next(3) == 0 ? 0 : random.Next(1, 5);
                        var id = M.ShmGet(key, (uint)random.Next(1, 8 * 4096), 0x200 | 0x180);
                        if (id >= 0 && !shmids.Contains(id))
                        {
                            shmids.Add(id);
                        }
                        return "shmget";
                    case 2:
                    case 3:
                        if (shmids.Count == 0)
                        {
                            return "shmat (none)";
                        }
                        var target = random.Next(4) == 0 ? 0x30000000u + (uint)random.Next(0, 0x1000) * VmZone.PageSize : 0;
                        var va = M.ShmAt(shmids[random.Next(shmids.Count)], target, random.Next(4) == 0 ? 0x1000 : 0);
                        if (va != uint.MaxValue)
                        {
                            attaches.Add(va);
                        }
                        return target == 0 ? "shmat" : "shmat at an address";
                    case 4:
                        if (!TakeRandom(attaches, out var attached))
                        {
                            return "shmdt (none)";
                        }
                        Assert.That(M.ShmDt(attached), Is.Zero);
                        return "shmdt";
                    case 5:
                        if (shmids.Count == 0 || mmaps.Count == 0)
                        {
                            return "shm stat (none)";
                        }
                        var (buf, _) = mmaps[random.Next(mmaps.Count)];
                        M.ShmCtl(shmids[random.Next(shmids.Count)], 2, buf);
                        return "shm stat";
                    default:
                        return ShmRemove();
                }
            }

            private string ShmRemove()
            {
                if (!TakeRandom(shmids, out var id))
                {
                    return "shm rmid (none)";
                }
                M.ShmCtl(id, 0, 0);
                return "shm rmid";
            }

            private string BadInput()
            {
                switch (random.Next(12))
                {
                    case 8:
                        G.LOS_ArchMmuMap(M.SystemPool, VmZone.VmallocStart, 0x09000000, 1, (uint)RegionFlags.PermRead);
                        return "bad: archMmu that is no space's";
                    case 9:
                        M.LOS_DmaMemFree(0xD1000000);
                        return "bad: dma free outside the dma area";
                    case 10:
                        var freePage = M.Phys.Pages.FirstOrDefault(p => M.Phys.IsFree(p));
                        if (freePage != null)
                        {
                            G.LOS_VaddrToPaddrMmap(G.LOS_GetVmallocSpace(), 0xC7F00000, freePage.PhysAddr, VmZone.PageSize, (uint)RegionFlags.PermRead);
                        }
                        return "bad: vaddr to paddr mmap of a free page";
                    case 11:
                        M.LOS_PhysPagesAlloc(1, 0xD1000000);
                        return "bad: page list outside RAM";
                    case 0:
                        G.LOS_MemFree(M.SystemPool, M.SystemPool + 0x10004);
                        return "bad: heap free inside a block";
                    case 1:
                        G.LOS_PhysPageFree(M.Layout.PageArrayBase + 7);
                        return "bad: foreign page";
                    case 2:
                        M.LOS_VFree(0xC7FFF000);
                        return "bad: vfree never allocated";
                    case 3:
                        M.LOS_MMap(0x1F800001, 0x1000, ProtFlags.Read, MapFlags.Private | MapFlags.Anonymous | MapFlags.Fixed, -1, 0);
                        return "bad: unaligned fixed mmap";
                    case 4:
                        M.LOS_KernelMalloc(0x7FFFFFFF);
                        return "bad: huge kernel malloc";
                    case 5:
                        G.OsArmSharedPageFault(false, FsrTranslationSection, 0x00800000, UsrCpsr);
                        return "bad: fault outside every region";
                    case 6:
                        M.LOS_VMalloc(0);
                        return "bad: vmalloc 0";
                    default:
                        if (heap.Count > 0)
                        {
                            var block = heap[random.Next(heap.Count)];
                            G.LOS_MemFree(M.SystemPool, block.Ptr + 4);
                        }
                        return "bad: heap free of an interior pointer";
                }
            }

            /// <summary>mmap bookkeeping follows the current space: rebuild it from that space's MMAP regions.</summary>
            private void ResyncMmaps()
            {
                mmaps.Clear();
                foreach (var region in M.Vm.Spaces.CurrentSpace.Regions)
                {
                    // An SHM region attached at an address carries MMAP too; partial munmaps stay off it (a split SHM
                    // region detaches the whole segment once per piece in the kernel: see the shm docs' quirks).
                    if ((region.RegionFlags & RegionFlags.Mmap) != 0 && !region.IsShm)
                    {
                        mmaps.Add((region.Base, region.Size));
                    }
                }
                attaches.Clear();
                foreach (var region in M.Vm.Spaces.CurrentSpace.Regions)
                {
                    if (region.IsShm)
                    {
                        attaches.Add(region.Base);
                    }
                }
            }

            private void Remember(List<(uint, uint, uint)> list, uint ptr, uint size)
            {
                if (ptr == 0)
                {
                    return;
                }
                tag++;
                F.Memory.WriteUInt32(F.Config.KernelVaToPa(ptr), tag);
                if (size >= 8)
                {
                    F.Memory.WriteUInt32(F.Config.KernelVaToPa(TailOf(ptr, size)), ~tag);
                }
                list.Add((ptr, size, tag));
            }

            private void Verify((uint Ptr, uint Size, uint Tag) block)
            {
                var head = F.Memory.ReadUInt32(F.Config.KernelVaToPa(block.Ptr));
                var tail = block.Size >= 8 ? F.Memory.ReadUInt32(F.Config.KernelVaToPa(TailOf(block.Ptr, block.Size))) : ~block.Tag;
                if (head != block.Tag || tail != ~block.Tag)
                {
                    PatternErrors.Add($"block 0x{block.Ptr:x8}+{block.Size}: head 0x{head:x8} tail 0x{tail:x8}, tag 0x{block.Tag:x8}");
                }
            }

            /// <summary>The last whole word of a block of 8 bytes or more (smaller ones carry the head word only).</summary>
            private static uint TailOf(uint ptr, uint size) => ptr + (size & ~3u) - 4;

            private bool TakeRandom<T>(List<T> list, out T item)
            {
                if (list.Count == 0)
                {
                    item = default;
                    return false;
                }
                var index = random.Next(list.Count);
                item = list[index];
                list[index] = list[list.Count - 1];
                list.RemoveAt(list.Count - 1);
                return true;
            }
        }
    }
}
