namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// One piece OsSetKSectionAttr maps and hands to LOS_VmSpaceReserve (kernel_text, kernel_rodata, kernel_data_bss,
    /// and the heap/page window): the VM layer turns these into kernel-space regions.
    /// </summary>
    public readonly struct BootRegion
    {
        public BootRegion(string name, uint va, uint pa, uint size, uint flags)
        {
            Name = name;
            Va = va;
            Pa = pa;
            Size = size;
            Flags = flags;
        }

        public string Name { get; }

        public uint Va { get; }

        public uint Pa { get; }

        public uint Size { get; }

        public uint Flags { get; }

        public override string ToString() => $"{Name} 0x{Va:X8}+0x{Size:X} -> 0x{Pa:X8} flags 0x{Flags:X}";
    }
}
