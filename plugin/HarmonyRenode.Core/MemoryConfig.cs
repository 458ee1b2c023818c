using System;

namespace HarmonyRenode.Core
{
    /// <summary>
    /// Board settings the model boots with (target_config.h values of arm_virt by default) and the end of the
    /// firmware image, which decides where the boot heap and the page array land (docs/memory-manager.md §1.3).
    /// </summary>
    public sealed class MemoryConfig
    {
        /// <summary>DDR_MEM_ADDR = SYS_MEM_BASE.</summary>
        public uint RamBase { get; set; } = 0x40000000;

        /// <summary>DDR_MEM_SIZE: RAM the board has; the uncached alias and the kernel window span it.</summary>
        public uint RamSize { get; set; } = 0x40000000;

        /// <summary>SYS_MEM_SIZE_DEFAULT: the part of RAM the kernel manages.</summary>
        public uint ManagedSize { get; set; } = 0x04000000;

        /// <summary>&amp;__bss_end: kernel virtual address where the firmware image ends.</summary>
        public uint ImageEnd { get; set; } = 0x40100000;

        /// <summary>
        /// g_firstPageTable: kernel virtual address of the 16 KiB kernel L1 table. LiteOS-A keeps it in the image's
        /// .bss.prebss.translation_table; firmware names it with the symbol, the in-memory demo takes this default.
        /// </summary>
        public uint KernelL1Table { get; set; } = 0x40004000;

        public uint ManagedEnd => RamBase + ManagedSize;

        /// <summary>
        /// The kernel window's one offset (KERNEL_ASPACE_BASE maps SYS_MEM_BASE): PA = kernel VA + this, modulo 2^32.
        /// Every kernel-VA/PA conversion of the model uses it.
        /// </summary>
        public uint KernelVaToPaOffset => unchecked(RamBase - VmZone.KernelAspaceBase);

        /// <summary>OsKVaddrToPaddr: pure arithmetic on the kernel window.</summary>
        public uint KernelVaToPa(uint kva) => kva == 0 ? 0 : unchecked(kva + KernelVaToPaOffset);

        /// <summary>OsVmPageToVaddr / LOS_PaddrToKVaddr (LOSCFG_KERNEL_VM): NULL for 0, else the window offset, whether or
        /// not a physical segment holds the address.</summary>
        public uint PaToKernelVa(uint pa) => pa == 0 ? 0 : unchecked(pa - KernelVaToPaOffset);

        public void Validate()
        {
            if ((RamBase & (VmZone.SectionSize - 1)) != 0)
            {
                throw new ArgumentException($"RAM base 0x{RamBase:X8} must be 1 MiB aligned");
            }
            if (ManagedSize < 4 * VmZone.SectionSize || (ManagedSize & (VmZone.SectionSize - 1)) != 0)
            {
                throw new ArgumentException($"managed size 0x{ManagedSize:X} must be a multiple of 1 MiB and at least 4 MiB");
            }
            if (ManagedSize > RamSize || ManagedSize > VmZone.KernelAspaceSize)
            {
                throw new ArgumentException($"managed size 0x{ManagedSize:X} exceeds RAM 0x{RamSize:X}");
            }
            if (ImageEnd < VmZone.KernelAspaceBase || ImageEnd >= VmZone.KernelAspaceBase + ManagedSize - 2 * VmZone.SectionSize)
            {
                throw new ArgumentException($"image end 0x{ImageEnd:X8} must lie in the kernel window below the managed end");
            }
            if ((KernelL1Table & 0x3FFF) != 0 || KernelL1Table < VmZone.KernelAspaceBase || KernelL1Table + 0x4000 > ImageEnd)
            {
                throw new ArgumentException($"kernel L1 table 0x{KernelL1Table:X8} must be 16 KiB aligned inside the image");
            }
        }
    }
}
