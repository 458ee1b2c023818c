using System;
using HarmonyRenode.Core.Heap;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// LOS_KernelMalloc/MallocAlign/Free/Realloc (kernel/base/vm/los_vm_map.c, docs/memory-manager.md §1.9): the system heap below
    /// KMALLOC_LARGE_SIZE, contiguous pages (nPages on the head page) from there up.
    /// </summary>
    public sealed class KernelMalloc
    {
        /// <summary>KMALLOC_LARGE_SIZE = PAGE_SIZE &lt;&lt; 2.</summary>
        public const uint KmallocLargeSize = VmZone.PageSize << 2;

        private const int CopyChunk = 64 * 1024;

        private readonly IContiguousPages pages;
        private readonly GuestRam ram;
        private readonly ILogSink log;
        private readonly uint vaToPa;

        public KernelMalloc(MemPool heap, IContiguousPages pages, IGuestMemory memory, MemoryConfig config, ILogSink log)
        {
            Heap = heap ?? throw new ArgumentNullException(nameof(heap));
            this.pages = pages ?? throw new ArgumentNullException(nameof(pages));
            ram = new GuestRam(memory ?? throw new ArgumentNullException(nameof(memory)), config.RamBase, config.ManagedSize);
            this.log = log ?? throw new ArgumentNullException(nameof(log));
            vaToPa = config.KernelVaToPaOffset;
        }

        /// <summary>OS_SYS_MEM_ADDR (m_aucSysMem1).</summary>
        public MemPool Heap { get; }

        /// <summary>g_kHeapInited: until the page allocator is up every request goes to the heap.</summary>
        public bool HeapInited { get; set; } = true;

        /// <summary>OsMemLargeAlloc.</summary>
        public bool OsMemLargeAlloc(uint size) => HeapInited && size >= KmallocLargeSize;

        /// <summary>LOS_KernelMalloc.</summary>
        public uint LOS_KernelMalloc(uint size)
        {
            if (!OsMemLargeAlloc(size))
            {
                return Heap.LOS_MemAlloc(size);
            }
            var ptr = AllocLarge(size);
            if (ptr == 0)
            {
                log.Log(LogLevel.Error, $"LOS_KernelMalloc: no {PagesFor(size)} contiguous pages for size 0x{size:x}");
            }
            return ptr;
        }

        /// <summary>LOS_KernelMallocAlign: pages only when large and the boundary divides PAGE_SIZE.</summary>
        public uint LOS_KernelMallocAlign(uint size, uint boundary)
        {
            // IS_ALIGNED(PAGE_SIZE, boundary); boundary 0 gives a zero mask test that fails, like the C macro.
            var pageAligned = boundary != 0 && (VmZone.PageSize & (boundary - 1)) == 0;
            if (!OsMemLargeAlloc(size) || !pageAligned)
            {
                return Heap.LOS_MemAllocAlign(size, boundary);
            }
            var ptr = AllocLarge(size);
            if (ptr == 0)
            {
                log.Log(LogLevel.Error, $"LOS_KernelMallocAlign: no {PagesFor(size)} contiguous pages for size 0x{size:x}");
            }
            return ptr;
        }

        /// <summary>LOS_KernelFree (void in LiteOS; the model returns LosReturn.Ok/Nok).</summary>
        public uint LOS_KernelFree(uint ptr)
        {
            if (Heap.OsMemIsHeapNode(ptr))
            {
                return Heap.LOS_MemFree(ptr);
            }
            if (OsMemLargeNodeFree(ptr) != LosReturn.Ok)
            {
                log.Log(LogLevel.Error, $"KernelFree 0x{ptr:x} failed");
                return LosReturn.Nok;
            }
            return LosReturn.Ok;
        }

        /// <summary>
        /// LOS_KernelRealloc. A page block is copied whole with memcpy_s(new, size, old, nPages*4096), which fails
        /// when size is smaller: docs/memory-manager.md §1.9 quirk, a large block cannot shrink (NULL, old block kept). A heap block
        /// stays in the heap even when the new size is large. <paramref name="holdMovedBlock"/> (the oracle's --sanitize)
        /// may keep a moved page block's pages (ptr, nPages): true, and the caller frees them later with LOS_KernelFree.
        /// </summary>
        public uint LOS_KernelRealloc(uint ptr, uint size, Func<uint, int, bool>? holdMovedBlock = null)
        {
            if (ptr == 0)
            {
                return LOS_KernelMalloc(size);
            }
            if (Heap.OsMemIsHeapNode(ptr))
            {
                return Heap.LOS_MemRealloc(ptr, size);
            }
            if (!pages.TryGetNPages(ptr, out var nPages))
            {
                log.Log(LogLevel.Error, $"page of ptr(0x{ptr:x}) is null");
                return 0;
            }
            uint tmp;
            if (OsMemLargeAlloc(size))
            {
                tmp = AllocLarge(size);
                if (tmp == 0)
                {
                    log.Log(LogLevel.Error, "alloc memory failed");
                    return 0;
                }
            }
            else
            {
                // The heap logs its own failure line.
                tmp = Heap.LOS_MemAlloc(size);
                if (tmp == 0)
                {
                    return 0;
                }
            }
            var copyLength = (uint)nPages << VmZone.PageShift;
            if (copyLength > size)
            {
                FreeQuietly(tmp);
                log.Log(LogLevel.Error, "KernelRealloc memcpy error");
                return 0;
            }
            CopyGuest(ptr, tmp, copyLength);
            if (holdMovedBlock == null || !holdMovedBlock(ptr, nPages))
            {
                OsMemLargeNodeFree(ptr);
            }
            return tmp;
        }

        /// <summary>OsMemLargeNodeFree: the page holding ptr must head a contiguous allocation (nPages != 0).</summary>
        private uint OsMemLargeNodeFree(uint ptr)
        {
            if (!pages.TryGetNPages(ptr, out var nPages) || nPages == 0)
            {
                return LosReturn.Nok;
            }
            pages.FreeContiguous(ptr, nPages);
            return LosReturn.Ok;
        }

        private void FreeQuietly(uint ptr)
        {
            if (Heap.OsMemIsHeapNode(ptr))
            {
                Heap.LOS_MemFree(ptr);
            }
            else
            {
                OsMemLargeNodeFree(ptr);
            }
        }

        private uint AllocLarge(uint size) => pages.AllocContiguous(PagesFor(size));

        /// <summary>ROUNDUP(size, PAGE_SIZE) >> PAGE_SHIFT in UINT32 (wraps to 0 pages near 4 GiB, as in C).</summary>
        private static int PagesFor(uint size) => (int)(((size + VmZone.PageSize - 1) & ~(VmZone.PageSize - 1)) >> VmZone.PageShift);

        /// <summary>The payload belongs to the guest, so reading it back is allowed (port rule).</summary>
        private void CopyGuest(uint from, uint to, uint length)
        {
            for (uint done = 0; done < length;)
            {
                var n = (int)Math.Min(CopyChunk, length - done);
                ram.Copy(from + done + vaToPa, to + done + vaToPa, n);
                done += (uint)n;
            }
        }
    }
}
