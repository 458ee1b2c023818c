namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// One piece OsSetKSectionAttr maps and hands to LOS_VmSpaceReserve (kernel_text, kernel_rodata, kernel_data_bss,
    /// and the heap/page window): the VM layer turns these into kernel-space regions.
    /// </summary>
    public readonly record struct BootRegion(string Name, uint Va, uint Pa, uint Size, RegionFlags Flags)
    {
        public override string ToString() => $"{Name} 0x{Va:X8}+0x{Size:X} -> 0x{Pa:X8} flags 0x{(uint)Flags:X}";
    }
}
