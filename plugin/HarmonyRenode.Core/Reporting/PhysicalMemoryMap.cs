using System;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Reporting
{
    /// <summary>
    /// The owner of every 4 KiB page of the managed RAM (RamBase .. RamBase + ManagedSize), read from the model's
    /// state: below the page segment the image, the boot heap and g_vmPageArray (OsSysMemInit); in the segment the
    /// buddy free lists, every space's ptList, the heap's expansion regions, vmalloc'ed pages and user pages (shared
    /// copy-on-write when more than one mapping holds them). Allocated pages none of those claim (LOS_PhysPageAlloc,
    /// large LOS_KernelMalloc) are <see cref="PageOwner.OtherKernel"/>.
    /// </summary>
    public static class PhysicalMemoryMap
    {
        public static PageOwner[] Build(MemoryModel model)
        {
            var config = model.Config;
            var owners = new PageOwner[config.ManagedSize >> VmZone.PageShift];
            var managedStart = model.Layout.ManagedStart;
            for (var i = 0; i < owners.Length; i++)
            {
                owners[i] = config.RamBase + ((uint)i << VmZone.PageShift) < managedStart ? PageOwner.KernelImage : PageOwner.OtherKernel;
            }
            foreach (var region in model.Heap.Spans)
            {
                MarkRange(owners, config, config.KernelVaToPa(region.Start), region.Size, PageOwner.Heap);
            }
            foreach (var segment in model.Phys.Segments)
            {
                for (var order = 0; order < VmPhysSeg.ListOrderMax; order++)
                {
                    foreach (var head in segment.FreeList[order])
                    {
                        MarkRange(owners, config, head.PhysAddr, VmZone.PageSize << order, PageOwner.Free);
                    }
                }
            }
            foreach (var space in model.Vm.Spaces.SpaceList)
            {
                foreach (var table in space.ArchMmu.PtList)
                {
                    Mark(owners, config, table.PhysAddr, PageOwner.PageTables);
                }
                if (space.Kind == VmSpaceKind.Kernel)
                {
                    continue;
                }
                foreach (var region in space.Regions)
                {
                    for (uint i = 0; i < region.PageCount; i++)
                    {
                        var query = space.ArchMmu.LOS_ArchMmuQuery(region.Base + (i << VmZone.PageShift));
                        if (!query.IsMapped)
                        {
                            continue;
                        }
                        var pa = query.Pa;
                        var owner = PageOwner.Vmalloc;
                        if (space.Kind == VmSpaceKind.User)
                        {
                            var page = model.Phys.LOS_VmPageGet(pa);
                            owner = page != null && page.RefCounts > 1 ? PageOwner.CowShared : PageOwner.UserAnonymous;
                        }
                        Mark(owners, config, pa, owner);
                    }
                }
            }
            return owners;
        }

        /// <summary>Pages per owner, indexed by <see cref="PageOwner"/>.</summary>
        public static int[] Count(PageOwner[] owners)
        {
            var counts = new int[Enum.GetValues(typeof(PageOwner)).Length];
            foreach (var owner in owners)
            {
                counts[(int)owner]++;
            }
            return counts;
        }

        private static void MarkRange(PageOwner[] owners, MemoryConfig config, uint pa, uint size, PageOwner owner)
        {
            for (uint offset = 0; offset < size; offset += VmZone.PageSize)
            {
                Mark(owners, config, pa + offset, owner);
            }
        }

        private static void Mark(PageOwner[] owners, MemoryConfig config, uint pa, PageOwner owner)
        {
            if (pa < config.RamBase)
            {
                return;
            }
            var index = (pa - config.RamBase) >> VmZone.PageShift;
            if (index < (uint)owners.Length)
            {
                owners[index] = owner;
            }
        }
    }
}
