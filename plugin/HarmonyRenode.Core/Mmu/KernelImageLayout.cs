namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// The linker symbols OsSetKSectionAttr reads (kernel VAs, page aligned): __text_start/__text_end,
    /// __rodata_start/__rodata_end, __ram_data_start, __bss_end; and __ram_data_end, __bss_start, which the shell's
    /// `free` reports (OsShellCmdSectionInfo). Firmware supplies them from its symbol table.
    /// </summary>
    public sealed class KernelImageLayout
    {
        public uint TextStart { get; set; }

        public uint TextEnd { get; set; }

        public uint RodataStart { get; set; }

        public uint RodataEnd { get; set; }

        public uint RamDataStart { get; set; }

        public uint RamDataEnd { get; set; }

        public uint BssStart { get; set; }

        public uint BssEnd { get; set; }

        /// <summary>
        /// For the in-memory demo: [KERNEL_VMM_BASE, after the kernel L1 table) stays RWX as the kernel maps
        /// [virt, __text_start); the rest of the image up to <see cref="MemoryConfig.ImageEnd"/> is split half text,
        /// a quarter rodata, a quarter data+bss (data and bss half each), on page boundaries.
        /// </summary>
        public static KernelImageLayout Default(MemoryConfig config)
        {
            var textStart = VmZone.RoundUp(config.KernelL1Table + MmuDescriptor.L1SmallEntryNumbers, VmZone.PageSize);
            var span = config.ImageEnd - textStart;
            var textEnd = VmZone.RoundDown(textStart + span / 2, VmZone.PageSize);
            var rodataEnd = VmZone.RoundDown(textEnd + span / 4, VmZone.PageSize);
            var dataEnd = VmZone.RoundDown(rodataEnd + (config.ImageEnd - rodataEnd) / 2, VmZone.PageSize);
            return new KernelImageLayout
            {
                TextStart = textStart,
                TextEnd = textEnd,
                RodataStart = textEnd,
                RodataEnd = rodataEnd,
                RamDataStart = rodataEnd,
                RamDataEnd = dataEnd,
                BssStart = dataEnd,
                BssEnd = config.ImageEnd,
            };
        }
    }
}
