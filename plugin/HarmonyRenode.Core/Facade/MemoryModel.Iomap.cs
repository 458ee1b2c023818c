using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Facade
{
    /// <summary>los_vm_iomap.h's DMA buffers (<see cref="VmIomap"/>), over this model's own kernel allocations.</summary>
    public sealed partial class MemoryModel
    {
        private VmIomap? iomap;

        private VmIomap Iomap => iomap ?? (iomap = new VmIomap(LOS_KernelMallocAlign, LOS_KernelFree, LOS_PaddrQuery, Log));

        public uint LOS_DmaMemAlloc(uint size, uint align, DmaMemType type, out uint dmaAddr) => Iomap.LOS_DmaMemAlloc(size, align, type, out dmaAddr);

        public void LOS_DmaMemFree(uint vaddr) => Iomap.LOS_DmaMemFree(vaddr);

        public uint LOS_DmaVaddrToPaddr(uint vaddr) => Iomap.LOS_DmaVaddrToPaddr(vaddr);
    }
}
