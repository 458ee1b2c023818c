using System.Collections.Generic;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// The kernel table as LiteOS-A leaves it after boot (docs/memory-manager.md §4.9): the startup assembly's 1 MiB sections from
    /// g_archMmuInitMapping (arm_virt platform.c), then OsSetKSectionAttr for the cached window and the uncached
    /// alias, then OsKSectionNewAttrEnable's TLBIALL. Needs the page allocator: the image is re-mapped with 4 KiB
    /// pages whose L2 tables come from it.
    /// </summary>
    public static class BootMappings
    {
        /// <summary>g_archMmuInitMapping of arm_virt, as (name, phys, virt, size, L1 flags).</summary>
        public static IReadOnlyList<(string Name, uint Phys, uint Virt, uint Size, uint Flags)> InitMapping(MemoryConfig config) =>
            new[]
            {
                ("KernelCached", config.RamBase, VmZone.KernelAspaceBase, config.RamSize, MmuDescriptor.KernelL1PteFlags),
                ("KernelUncached", config.RamBase, VmZone.UncachedVmmBase, config.RamSize, MmuDescriptor.InitialMapNormalNoCache),
                ("PeriphDevice", VmZone.PeriphPmmBase, VmZone.PeriphDeviceBase, VmZone.PeriphPmmSize, MmuDescriptor.InitialMapDevice),
                ("PeriphCached", VmZone.PeriphPmmBase, VmZone.PeriphCachedBase, VmZone.PeriphPmmSize, MmuDescriptor.KernelL1PteFlags),
                ("PeriphStronglyOrdered", VmZone.PeriphPmmBase, VmZone.PeriphUncachedBase, VmZone.PeriphPmmSize, MmuDescriptor.InitialMapStronglyOrdered),
            };

        /// <summary>
        /// Builds the whole boot state into <paramref name="kernel"/>'s table and returns the kernel-space pieces for
        /// LOS_VmSpaceReserve (cached window only: the uncached alias lies outside g_kVmSpace, where the reserve fails
        /// silently). <paramref name="layout"/> defaults to <see cref="KernelImageLayout.Default"/>.
        /// </summary>
        public static IReadOnlyList<BootRegion> Apply(MmuContext context, ArchMmu kernel, KernelImageLayout? layout = null)
        {
            var config = context.Config;
            layout = layout ?? KernelImageLayout.Default(config);

            // Step 1, reset_vector: clear g_firstPageTable, then page_table_build for every init mapping.
            kernel.ClearWholeTable();
            foreach (var mapping in InitMapping(config))
            {
                WriteSections(kernel, mapping.Phys, mapping.Virt, mapping.Size, mapping.Flags);
            }

            // Steps 2-3: OsSwitchTmpTTB's copy of the table only matters to the live CPU (the model edits the table the
            // adapter installs afterwards; its 16 KiB heap block is taken and freed by the facade's
            // OsInitMappingStartUp), then the two OsSetKSectionAttr passes.
            var regions = new List<BootRegion>();
            OsSetKSectionAttr(context, kernel, layout, VmZone.KernelAspaceBase, false, regions);
            OsSetKSectionAttr(context, kernel, layout, VmZone.UncachedVmmBase, true, null);

            // Step 4, OsKSectionNewAttrEnable: back on g_firstPageTable, TLBIALL.
            context.Tlb.InvalidateAll();
            return regions;
        }

        /// <summary>page_table_build: size rounded up to whole MiB, flags | pa per entry.</summary>
        private static void WriteSections(ArchMmu kernel, uint phys, uint virt, uint size, uint flags)
        {
            var count = (size + (phys & (MmuDescriptor.L1SmallSize - 1)) + MmuDescriptor.L1SmallSize - 1) >> MmuDescriptor.L1SmallShift;
            var pIndex = phys >> MmuDescriptor.L1SmallShift;
            var vIndex = virt >> MmuDescriptor.L1SmallShift;
            for (var i = 0u; i < count; i++)
            {
                kernel.WriteRawL1(vIndex + i, flags | ((pIndex + i) << MmuDescriptor.L1SmallShift));
            }
        }

        /// <summary>OsSetKSectionAttr(virtAddr, uncached).</summary>
        private static void OsSetKSectionAttr(MmuContext context, ArchMmu kernel, KernelImageLayout layout, uint virtAddr,
            bool uncached, List<BootRegion>? reserved)
        {
            var config = context.Config;
            var offset = virtAddr - VmZone.KernelAspaceBase;
            var textStart = layout.TextStart + offset;
            var textEnd = layout.TextEnd + offset;
            var rodataStart = layout.RodataStart + offset;
            var rodataEnd = layout.RodataEnd + offset;
            var ramDataStart = layout.RamDataStart + offset;
            var bssEnd = layout.BssEnd + offset;
            var bssEndBoundary = VmZone.RoundUp(bssEnd, MmuDescriptor.L1SmallSize);
            var cache = uncached ? RegionFlags.Uncached : RegionFlags.Cached;
            var pieces = new[]
            {
                ("kernel_text", textStart, VmZone.RoundUp(textEnd - textStart, VmZone.PageSize), RegionFlags.PermRead | RegionFlags.PermExecute),
                ("kernel_rodata", rodataStart, VmZone.RoundUp(rodataEnd - rodataStart, VmZone.PageSize), RegionFlags.PermRead),
                ("kernel_data_bss", ramDataStart, VmZone.RoundUp(bssEndBoundary - ramDataStart, VmZone.PageSize), RegionFlags.PermRead | RegionFlags.PermWrite),
            };

            var pages = (int)((bssEndBoundary - virtAddr) >> VmZone.PageShift);
            var status = kernel.LOS_ArchMmuUnmap(virtAddr, pages);
            if (status != pages)
            {
                context.Log.Log(LogLevel.Error, $"unmap failed, status: {status}");
                return;
            }

            var headPages = (int)((textStart - virtAddr) >> VmZone.PageShift);
            status = kernel.LOS_ArchMmuMap(virtAddr, config.RamBase, headPages, RegionFlags.PermRead | RegionFlags.PermWrite | RegionFlags.PermExecute | cache);
            if (status != headPages)
            {
                context.Log.Log(LogLevel.Error, $"mmap failed, status: {status}");
                return;
            }

            foreach (var (name, virt, size, flags) in pieces)
            {
                var pa = config.RamBase + virt - virtAddr;
                var count = (int)(size >> VmZone.PageShift);
                status = kernel.LOS_ArchMmuMap(virt, pa, count, flags | cache);
                if (status != count)
                {
                    context.Log.Log(LogLevel.Error, $"mmap failed, status: {status}");
                    return;
                }
                reserved?.Add(new BootRegion(name, virt, pa, size, flags | cache));
            }

            var kmallocLength = virtAddr + config.ManagedSize - bssEndBoundary;
            var kmallocPages = (int)(kmallocLength >> VmZone.PageShift);
            var kmallocPa = config.RamBase + bssEndBoundary - virtAddr;
            status = kernel.LOS_ArchMmuMap(bssEndBoundary, kmallocPa, kmallocPages, RegionFlags.PermRead | RegionFlags.PermWrite | cache);
            if (status != kmallocPages)
            {
                context.Log.Log(LogLevel.Error, $"mmap failed, status: {status}");
                return;
            }
            reserved?.Add(new BootRegion("kernel_heap", bssEndBoundary, kmallocPa, kmallocLength, RegionFlags.PermRead | RegionFlags.PermWrite | cache));
        }
    }
}
