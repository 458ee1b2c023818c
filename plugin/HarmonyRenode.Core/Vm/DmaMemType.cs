namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// enum DmaMemType (los_vm_iomap.h): a DMA buffer through the cached kernel mapping or through the uncached alias of
    /// RAM. The guest passes it as a raw word; any other value is refused by LOS_DmaMemAlloc with the kernel's line.
    /// </summary>
    public enum DmaMemType : uint
    {
        DmaCache = 0,
        DmaNoCache = 1,
    }
}
