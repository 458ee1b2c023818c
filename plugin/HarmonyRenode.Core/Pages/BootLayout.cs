namespace HarmonyRenode.Core.Pages
{
    /// <summary>
    /// Where the boot allocator puts the kernel heap and the page array behind the firmware image, and what is
    /// left for the page allocator (OsSysMemInit, OsKHeapInit, OsVmPageStartup; docs/memory-manager.md §1.3).
    /// </summary>
    public sealed class BootLayout
    {
        /// <summary>OS_KHEAP_BLOCK_SIZE.</summary>
        public const uint KernelHeapBlockSize = 512 * 1024;

        /// <summary>sizeof(LosVmPage) on 32-bit without the fine lock.</summary>
        public const uint VmPageDescriptorSize = 24;

        public BootLayout(MemoryConfig config)
        {
            config.Validate();
            var bootMemBase = config.ImageEnd;

            // OsKHeapInit: the heap ends on the first 1 MiB boundary at least 512 KiB past the image.
            var heapEnd = VmZone.RoundUp(bootMemBase + KernelHeapBlockSize, VmZone.SectionSize);
            HeapSize = heapEnd - bootMemBase;
            HeapBase = BootMemAlloc(ref bootMemBase, HeapSize);

            // OsVmPageStartup: drop image and heap from the area, reserve the page array, drop it too.
            var areaStart = config.RamBase;
            var areaSize = config.ManagedSize;
            var used = VmZone.RoundUp(bootMemBase - VmZone.KernelAspaceBase, VmZone.PageSize);
            areaStart += used;
            areaSize -= used;

            var pageNum = areaSize >> VmZone.PageShift;
            var nPage = (uint)((ulong)pageNum * VmZone.PageSize / (VmPageDescriptorSize + VmZone.PageSize));
            PageArraySize = nPage * VmPageDescriptorSize;
            PageArrayBase = BootMemAlloc(ref bootMemBase, PageArraySize);
            var arrayPages = VmZone.RoundUp(PageArraySize, VmZone.PageSize);
            areaStart += arrayPages;
            areaSize -= arrayPages;

            BootMemEnd = bootMemBase;
            ManagedStart = areaStart;
            ManagedSize = areaSize;
        }

        /// <summary>Kernel VA of the initial heap pool (m_aucSysMem1).</summary>
        public uint HeapBase { get; }

        public uint HeapSize { get; }

        /// <summary>Kernel VA of g_vmPageArray (the descriptors live on the host; the space is still reserved).</summary>
        public uint PageArrayBase { get; }

        public uint PageArraySize { get; }

        /// <summary>g_vmBootMemBase after boot.</summary>
        public uint BootMemEnd { get; }

        /// <summary>Physical start of the single page segment.</summary>
        public uint ManagedStart { get; }

        public uint ManagedSize { get; }

        private static uint BootMemAlloc(ref uint cursor, uint length)
        {
            // OsVmBootMemAlloc: align the cursor to a pointer, advance by the aligned length.
            var ptr = VmZone.RoundUp(cursor, 4);
            cursor = ptr + VmZone.RoundUp(length, 4);
            return ptr;
        }
    }
}
