using System.Collections.Generic;

namespace HarmonyRenode.Core.Pages
{
    /// <summary>
    /// g_vmPageArray as the guest sees it (los_vm_page.c, OsVmPageStartup): one 24-byte LosVmPage per managed page at
    /// <see cref="BootLayout.PageArrayBase"/>. The model keeps its own page objects; a descriptor is written into guest
    /// RAM when the guest is about to get a pointer to it (los_vm_page.h layout), so firmware that reads
    /// page->physAddr finds it where the kernel keeps it. Like the spaces and regions of Vm/VmGuestObjects, these are
    /// the kernel's own structures in its memory, so the layer that owns them writes them.
    /// </summary>
    public sealed class VmPageArray
    {
        private readonly BootLayout layout;
        private readonly MemoryConfig config;
        private readonly VmPhys phys;

        public VmPageArray(BootLayout layout, MemoryConfig config, VmPhys phys)
        {
            this.layout = layout;
            this.config = config;
            this.phys = phys;
        }

        /// <summary>
        /// Pages whose descriptor's `node` belongs to a guest list (LOS_PhysPagesAlloc): publishing leaves those two
        /// words alone, they are the guest's links there.
        /// </summary>
        public HashSet<LosVmPage> GuestListed { get; } = new HashSet<LosVmPage>();

        /// <summary>Kernel VA of the page's descriptor in g_vmPageArray (0 for none).</summary>
        public uint PageHandle(LosVmPage? page) => page == null ? 0 : layout.PageArrayBase + (uint)page.Index * BootLayout.VmPageDescriptorSize;

        /// <summary>The page whose descriptor lies at <paramref name="pagePointer"/>, or null.</summary>
        public LosVmPage? PageOf(uint pagePointer)
        {
            var offset = pagePointer - layout.PageArrayBase;
            if (pagePointer < layout.PageArrayBase || offset % BootLayout.VmPageDescriptorSize != 0)
            {
                return null;
            }
            var index = offset / BootLayout.VmPageDescriptorSize;
            return index < (uint)phys.TotalPageCount ? phys.PageAt((int)index) : null;
        }

        /// <summary>Writes the page's descriptor and returns the guest's pointer to it (0 for no page).</summary>
        public unsafe uint Publish(LosVmPage? page)
        {
            if (page == null)
            {
                return 0;
            }
            var handle = PageHandle(page);
            // The set is empty unless firmware keeps pages on its own lists: no look-up on the page pair's path then.
            if (GuestListed.Count == 0 || !GuestListed.Contains(page))
            {
                // node.pstPrev/pstNext: an empty list points at itself. Six words through one range check when mapped.
                var pa = config.KernelVaToPa(handle);
                var words = phys.Ram.Words(pa, BootLayout.VmPageDescriptorSize);
                if (words != null)
                {
                    words[0] = handle;
                    words[1] = handle;
                    Fields(words + 2, page);
                    return handle;
                }
                phys.Ram.Write(pa, handle);
                phys.Ram.Write(pa + 4, handle);
            }
            PublishFields(page);
            return handle;
        }

        /// <summary>The descriptor's words after `node`: physAddr, refCounts, flags, then order, segID and nPages (UINT16) packed little-endian.</summary>
        public unsafe void PublishFields(LosVmPage page)
        {
            var pa = config.KernelVaToPa(PageHandle(page));
            var ram = phys.Ram;
            var words = ram.Words(pa + 8, BootLayout.VmPageDescriptorSize - 8);
            if (words != null)
            {
                Fields(words, page);
                return;
            }
            ram.Write(pa + 8, page.PhysAddr);
            ram.Write(pa + 12, (uint)page.RefCounts);
            ram.Write(pa + 16, page.Flags);
            ram.Write(pa + 20, PackedOrderSegNPages(page));
        }

        private static unsafe void Fields(uint* words, LosVmPage page)
        {
            words[0] = page.PhysAddr;
            words[1] = (uint)page.RefCounts;
            words[2] = page.Flags;
            words[3] = PackedOrderSegNPages(page);
        }

        private static uint PackedOrderSegNPages(LosVmPage page) => page.Order | (uint)page.SegId << 8 | (uint)page.NPages << 16;
    }
}
