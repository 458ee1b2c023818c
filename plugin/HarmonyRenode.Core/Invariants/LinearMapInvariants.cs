using System.Collections.Generic;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Invariants
{
    /// <summary>
    /// The kernel's linear map of the heap and page area (from the first 1 MiB after the image to the managed end,
    /// docs/memory-manager.md §4.9), and the same range of its uncached alias: every page translates to its own physical page, by a boot section or, where
    /// --sanitize split one (<see cref="ArchMmu.InvalidateLinearPage"/>), by a small page of the same address. A page
    /// the sanitizer took out is the one exception, and must be a page nobody can be given meanwhile: allocated,
    /// never free in the buddy lists.
    /// </summary>
    public static class LinearMapInvariants
    {
        public static void Check(MemoryModel manager, ICollection<InvariantViolation> violations)
        {
            var kernel = manager.Vm.Spaces.KernelSpace.ArchMmu;
            var config = manager.Config;
            var start = VmZone.RoundUp(manager.Image.BssEnd, VmZone.SectionSize);
            var end = config.PaToKernelVa(config.ManagedEnd);
            CheckWindow(manager, kernel, start, end, violations);
            CheckWindow(manager, kernel, VmIomap.VmmToUncachedAddr(start), VmIomap.VmmToUncachedAddr(end), violations);
            foreach (var hole in kernel.LinearMapHoles)
            {
                var windowVa = VmIomap.IsUncachedAddr(hole) ? VmIomap.UncachedToVmmAddr(hole) : hole;
                var page = manager.Phys.LOS_VmPageGet(config.KernelVaToPa(windowVa));
                if (windowVa < start || windowVa >= end || page == null)
                {
                    violations.Add(new InvariantViolation("kernel linear map", $"hole 0x{hole:x8} is outside the managed pages"));
                }
                else if (manager.Phys.IsFree(page))
                {
                    violations.Add(new InvariantViolation("kernel linear map", $"hole 0x{hole:x8}: {page} is free, so it can be handed out unmapped"));
                }
            }
            foreach (var index in kernel.SplitSections)
            {
                if (!new Pte1(kernel.L1Entry(index)).IsPageTable)
                {
                    violations.Add(new InvariantViolation("kernel linear map", $"split section 0x{index << 20:x8} is {new Pte1(kernel.L1Entry(index))}"));
                }
            }
        }

        /// <summary>
        /// [start, end) of the kernel window or of its uncached alias: every page translates to the physical page of its
        /// kernel-window address, by a section or a small page, except the holes.
        /// </summary>
        private static void CheckWindow(MemoryModel manager, ArchMmu kernel, uint start, uint end, ICollection<InvariantViolation> violations)
        {
            var config = manager.Config;
            for (var va = start; va < end && va >= start; va += VmZone.SectionSize)
            {
                var l1 = new Pte1(kernel.L1Entry(Pte1.OsGetPte1Index(va)));
                if (l1.IsSection)
                {
                    if (l1.SectionBase != PaOf(config, va))
                    {
                        violations.Add(new InvariantViolation("kernel linear map", $"section 0x{va:x8} maps 0x{l1.SectionBase:x8}"));
                    }
                    continue;
                }
                for (var page = va; page < va + VmZone.SectionSize; page += VmZone.PageSize)
                {
                    var l2 = new Pte2(l1.IsPageTable ? kernel.L2Entry(page) : 0);
                    if (kernel.IsLinearMapHole(page))
                    {
                        if (!l2.IsInvalid)
                        {
                            violations.Add(new InvariantViolation("kernel linear map", $"hole 0x{page:x8} is mapped ({l2})"));
                        }
                        continue;
                    }
                    if (!l2.IsSmallPage || l2.PageBase != PaOf(config, page))
                    {
                        violations.Add(new InvariantViolation("kernel linear map", $"0x{page:x8} is not mapped to itself ({l1}, {l2})"));
                    }
                }
            }
        }

        private static uint PaOf(MemoryConfig config, uint va) =>
            config.KernelVaToPa(VmIomap.IsUncachedAddr(va) ? VmIomap.UncachedToVmmAddr(va) : va);
    }
}
