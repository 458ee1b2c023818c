using System;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// The DMA half of los_vm_iomap.c (LOSCFG_KERNEL_VM), glue over three public functions as in the kernel:
    /// buffers come from LOS_KernelMallocAlign (so from the heap below 16 KiB, from contiguous pages above: physically
    /// contiguous either way), their DMA address from LOS_PaddrQuery, and an uncached buffer is the same memory
    /// through the uncached alias of RAM (VMM_TO_UNCACHED_ADDR). It is built over whichever API the guest calls (the
    /// model, or the memory-safety oracle in front of it), so a DMA buffer is an ordinary kernel allocation to both;
    /// it sits in Vm/, beside los_vm_map.c as los_vm_iomap.c does in the kernel, where both may reach it.
    /// </summary>
    public sealed class VmIomap
    {
        private readonly Func<uint, uint, uint> kernelMallocAlign;
        private readonly Action<uint> kernelFree;
        private readonly Func<uint, uint> paddrQuery;
        private readonly VmLog log;

        public VmIomap(Func<uint, uint, uint> kernelMallocAlign, Action<uint> kernelFree, Func<uint, uint> paddrQuery, ILogSink log)
        {
            this.kernelMallocAlign = kernelMallocAlign;
            this.kernelFree = kernelFree;
            this.paddrQuery = paddrQuery;
            this.log = new VmLog(log);
        }

        /// <summary>
        /// LOS_DmaMemAlloc: the buffer's VA (the uncached alias for DMA_NOCACHE) or 0; <paramref name="dmaAddr"/> is
        /// LOS_PaddrQuery of the cached address, which the caller stores through its pointer when it is not NULL.
        /// </summary>
        public uint LOS_DmaMemAlloc(uint size, uint align, DmaMemType type, out uint dmaAddr)
        {
            dmaAddr = 0;
            if (size == 0)
            {
                return 0;
            }
            if (type != DmaMemType.DmaCache && type != DmaMemType.DmaNoCache)
            {
                log.Err(nameof(LOS_DmaMemAlloc), $"The dma type = {unchecked((int)type)} is not supported!");
                return 0;
            }
            var kvaddr = kernelMallocAlign(size, align);
            if (kvaddr == 0)
            {
                log.Err(nameof(LOS_DmaMemAlloc), $"failed, size = {size}, align = {align}");
                return 0;
            }
            dmaAddr = paddrQuery(kvaddr);
            return type == DmaMemType.DmaNoCache ? VmmToUncachedAddr(kvaddr) : kvaddr;
        }

        /// <summary>LOS_DmaMemFree: an uncached-alias address goes back to its kernel address first; others are refused with a line.</summary>
        public void LOS_DmaMemFree(uint vaddr)
        {
            if (vaddr == 0)
            {
                return;
            }
            if (IsUncachedAddr(vaddr))
            {
                kernelFree(UncachedToVmmAddr(vaddr));
            }
            else if (VmZone.IsKernelAddress(vaddr))
            {
                kernelFree(vaddr);
            }
            else
            {
                log.Err(nameof(LOS_DmaMemFree), $"addr 0x{vaddr:x} not in dma area!!!");
            }
        }

        /// <summary>
        /// LOS_DmaVaddrToPaddr: the kernel's body is one LOS_PaddrQuery, which knows the kernel window, user and vmalloc
        /// addresses but not the uncached alias, so an uncached buffer's own address answers 0 ("vaddr is beyond range").
        /// </summary>
        public uint LOS_DmaVaddrToPaddr(uint vaddr) => paddrQuery(vaddr);

        /// <summary>VMM_TO_UNCACHED_ADDR (los_vm_zone.h).</summary>
        public static uint VmmToUncachedAddr(uint kvaddr) => kvaddr - VmZone.KernelAspaceBase + VmZone.UncachedVmmBase;

        /// <summary>UNCACHED_TO_VMM_ADDR (los_vm_zone.h): the kernel-window address of an uncached alias.</summary>
        public static uint UncachedToVmmAddr(uint uncached) => uncached - VmZone.UncachedVmmBase + VmZone.KernelAspaceBase;

        /// <summary>True inside the uncached alias of RAM [UNCACHED_VMM_BASE, + UNCACHED_VMM_SIZE).</summary>
        public static bool IsUncachedAddr(uint vaddr) => vaddr >= VmZone.UncachedVmmBase && vaddr - VmZone.UncachedVmmBase < VmZone.UncachedVmmSize;
    }
}
