using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Vm;
using Moq;

namespace HarmonyRenode.Core.Tests.Vm
{
    /// <summary>
    /// The VM layer booted on 16 MiB of in-memory RAM with a real page allocator and ArchMmu, one user process space
    /// made current, and a loose Moq TLB port so tests can verify the invalidations the core asks for.
    /// </summary>
    public sealed class VmFixture
    {
        public VmFixture()
        {
            Config = new MemoryConfig { ManagedSize = 16 * 1024 * 1024 };
            Memory = new InMemoryGuestMemory(Config.RamBase, (int)Config.ManagedSize);
            Log = new RecordingLog();
            Phys = new VmPhys(Config, new BootLayout(Config), Memory, Log);
            Tlb = new Mock<ITlbMaintenance>();
            MmuContext = new MmuContext(Phys, Config, Memory, Tlb.Object, Log);
            Vm = new VirtualMemory(Phys, MmuContext, Config.KernelL1Table, Log);
            User = Vm.Spaces.OsCreateUserVmSpace();
            Vm.Spaces.CurrentSpace = User;
        }

        public MemoryConfig Config { get; }

        public InMemoryGuestMemory Memory { get; }

        public RecordingLog Log { get; }

        public VmPhys Phys { get; }

        public Mock<ITlbMaintenance> Tlb { get; }

        public MmuContext MmuContext { get; }

        public VirtualMemory Vm { get; }

        public LosVmSpace User { get; }

        public VmMap Map => Vm.Map;

        public VmSyscalls Sys => Vm.Syscalls;

        /// <summary>What the anonymous page fault does for a not-present page (docs/memory-manager.md §5.2 step 8): fresh page, ref 1, region flags;
        /// an already mapped page is left as it is (no fault would happen).</summary>
        public LosVmPage Touch(LosVmSpace space, uint va)
        {
            var query = space.ArchMmu.LOS_ArchMmuQuery(va);
            if (query.IsMapped)
            {
                return Phys.LOS_VmPageGet(query.Pa);
            }
            var region = VmMap.LOS_RegionFind(space, va);
            var page = Phys.LOS_PhysPageAlloc();
            Phys.ZeroPage(page);
            page.RefCounts++;
            space.ArchMmu.LOS_ArchMmuMap(va & ~0xFFFu, page.PhysAddr, 1, region.RegionFlags);
            return page;
        }

        public uint PaOf(LosVmSpace space, uint va) => space.ArchMmu.LOS_ArchMmuQuery(va) is { IsMapped: true } query ? query.Pa : 0;

        public RegionFlags FlagsOf(LosVmSpace space, uint va) => space.ArchMmu.LOS_ArchMmuQuery(va) is { IsMapped: true } query ? query.Flags : (RegionFlags)0xFFFFFFFF;

        /// <summary>Everything a failing call must leave alone: regions, heap pointers, free lists, refcounts, guest RAM.</summary>
        public string Snapshot()
        {
            var parts = new List<string>();
            foreach (var space in Vm.Spaces.SpaceList)
            {
                parts.Add($"{space.Kind} map {space.MapBase:X}+{space.MapSize:X} heap {space.HeapBase:X}/{space.HeapNow:X}");
                parts.AddRange(space.Regions.Select(r => $"  {r.Base:X}+{r.Size:X} f{r.RegionFlags:X} t{r.RegionType} mapped {space.MappedPageCount(r)}"));
            }
            parts.Add("free " + string.Join(",", Phys.Segments.SelectMany(s => Enumerable.Range(0, VmPhysSeg.ListOrderMax)
                .SelectMany(o => s.FreeList[o].Select(p => $"{o}:{p.PhysAddr:X}")))));
            parts.Add("refs " + string.Join(",", Phys.Pages.Where(p => p.RefCounts != 0).Select(p => $"{p.PhysAddr:X}:{p.RefCounts}")));
            var bytes = new byte[Memory.Size];
            Memory.ReadBytes(Memory.BaseAddress, bytes, 0, bytes.Length);
            using (var sha = SHA256.Create())
            {
                parts.Add("ram " + System.Convert.ToBase64String(sha.ComputeHash(bytes)));
            }
            return string.Join("\n", parts);
        }

        /// <summary>docs/memory-manager.md §8 "tables agree with regions": every translation of a space lies inside one of its regions.</summary>
        public List<string> MappingsOutsideRegions(LosVmSpace space, uint from, uint to)
        {
            var bad = new List<string>();
            for (var va = from; va < to && va >= from; va += 0x1000)
            {
                if (space.ArchMmu.LOS_ArchMmuQuery(va).IsMapped && VmMap.LOS_RegionFind(space, va) == null)
                {
                    bad.Add($"0x{va:X8}");
                }
            }
            return bad;
        }
    }
}
