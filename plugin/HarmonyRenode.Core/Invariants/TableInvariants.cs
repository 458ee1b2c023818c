using System.Collections.Generic;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Mmu.Walk;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Invariants
{
    /// <summary>
    /// docs/memory-manager.md §8.4–8.5 and §1.8: in user and vmalloc spaces every small-page mapping lies inside a region, the guest's
    /// tables say what the host shadow says (checked with the independent walker), mapped pages are allocated and
    /// hold one reference per mapping; table pages are allocated and mapped nowhere. The kernel space (the 1 GiB
    /// window: boot sections and the image's 4 KiB pages, mapping every RAM page whoever owns it) is checked for what
    /// holds there: every L1 and L2 word the guest walks is the shadow's, and its table pages are allocated.
    /// </summary>
    public static class TableInvariants
    {
        private const uint L1Section = 2;
        private const uint L1PageTable = 1;

        public static void Check(MemoryModel manager, ICollection<InvariantViolation> violations)
        {
            var phys = manager.Phys;
            var walker = new TranslationWalker(manager.Memory);
            var mappings = new Dictionary<LosVmPage, int>();
            var tablePages = new HashSet<LosVmPage>();
            foreach (var space in manager.Vm.Spaces.SpaceList)
            {
                var mmu = space.ArchMmu;
                if (space.Kind == VmSpaceKind.Kernel)
                {
                    CheckKernelSpace(manager, space, tablePages, violations);
                    continue;
                }
                foreach (var page in mmu.PtList)
                {
                    tablePages.Add(page);
                    if (phys.IsFree(page))
                    {
                        violations.Add(new InvariantViolation("table page ownership", $"{page} of {space} is free"));
                    }
                }
                var walk = manager.Mmu.RegistersFor(space.Kind == VmSpaceKind.User ? mmu : null);
                var first = space.Base >> 20;
                var last = (space.Base + (space.Size - 1)) >> 20;
                for (var l1 = first; l1 <= last; l1++)
                {
                    var entry = mmu.L1Entry(l1);
                    var type = entry & 3;
                    if (type == 0)
                    {
                        continue;
                    }
                    if (type == L1Section)
                    {
                        violations.Add(new InvariantViolation("tables vs regions", $"{space} has a section at 0x{l1 << 20:x8}"));
                        continue;
                    }
                    if (type != L1PageTable)
                    {
                        violations.Add(new InvariantViolation("tables vs regions", $"{space} L1[{l1}] = 0x{entry:x8}"));
                        continue;
                    }
                    for (uint i = 0; i < 256; i++)
                    {
                        var va = (l1 << 20) | (i << 12);
                        var query = mmu.LOS_ArchMmuQuery(va);
                        if (!query.IsMapped)
                        {
                            continue;
                        }
                        CheckMapping(space, va, query.Pa, query.Flags, walker, walk, phys, mappings, violations);
                    }
                }
            }
            foreach (var pair in mappings)
            {
                if (pair.Key.RefCounts != pair.Value)
                {
                    violations.Add(new InvariantViolation("refcount", $"{pair.Key} is mapped {pair.Value} times"));
                }
                if (tablePages.Contains(pair.Key))
                {
                    violations.Add(new InvariantViolation("table page ownership", $"table {pair.Key} is also mapped as data"));
                }
            }
        }

        /// <summary>The guest's words of the kernel window against the shadow, word by word (no walk per page).</summary>
        private static void CheckKernelSpace(MemoryModel manager, LosVmSpace space, HashSet<LosVmPage> tablePages,
            ICollection<InvariantViolation> violations)
        {
            var mmu = space.ArchMmu;
            var memory = manager.Memory;
            foreach (var page in mmu.PtList)
            {
                tablePages.Add(page);
                if (manager.Phys.IsFree(page))
                {
                    violations.Add(new InvariantViolation("table page ownership", $"{page} of {space} is free"));
                }
            }
            var first = space.Base >> 20;
            var last = (space.Base + (space.Size - 1)) >> 20;
            for (var l1 = first; l1 <= last; l1++)
            {
                var shadow = mmu.L1Entry(l1);
                var guest = memory.ReadUInt32(mmu.PhysTtb + l1 * 4);
                if (guest != shadow)
                {
                    violations.Add(new InvariantViolation("guest tables vs shadow", $"{space} L1[{l1}] (0x{l1 << 20:x8}): guest 0x{guest:x8}, shadow 0x{shadow:x8}"));
                    continue;
                }
                if ((shadow & 3) != L1PageTable)
                {
                    continue;
                }
                var l2 = shadow & ~0x3FFu;
                for (uint i = 0; i < 256; i++)
                {
                    var va = (l1 << 20) | (i << 12);
                    var expected = mmu.L2Entry(va);
                    var word = memory.ReadUInt32(l2 + i * 4);
                    if (word != expected)
                    {
                        violations.Add(new InvariantViolation("guest tables vs shadow", $"{space} 0x{va:x8}: guest L2 0x{word:x8}, shadow 0x{expected:x8}"));
                    }
                }
            }
        }

        private static void CheckMapping(LosVmSpace space, uint va, uint pa, RegionFlags flags, TranslationWalker walker, MmuRegisters walk,
            VmPhys phys, Dictionary<LosVmPage, int> mappings, ICollection<InvariantViolation> violations)
        {
            var region = VmMap.LOS_RegionFind(space, va);
            if (region == null)
            {
                violations.Add(new InvariantViolation("tables vs regions", $"{space} maps 0x{va:x8} outside every region"));
            }
            else if ((flags & RegionFlags.PermWrite) != 0 && (region.RegionFlags & RegionFlags.PermWrite) == 0)
            {
                violations.Add(new InvariantViolation("tables vs regions", $"0x{va:x8} is writable but {region} is not"));
            }
            var result = walker.Walk(walk, va, AccessKind.Read, privileged: true);
            if (result.IsFault || result.PhysicalAddress != pa)
            {
                violations.Add(new InvariantViolation("guest tables vs shadow", $"{space} 0x{va:x8}: shadow 0x{pa:x8}, guest walk {result}"));
            }
            var page = phys.LOS_VmPageGet(pa);
            if (page == null || region == null || region.IsTypeDev)
            {
                return;
            }
            if (phys.IsFree(page))
            {
                violations.Add(new InvariantViolation("page ownership", $"0x{va:x8} maps free {page}"));
            }
            mappings.TryGetValue(page, out var count);
            mappings[page] = count + 1;
        }
    }
}
