namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// The CP15 values an adapter programs so the emulated CPU walks the model's tables (docs/memory-manager.md §4.4):
    /// TTBR1 = kernel table | MMU_TTBRx_FLAGS and TTBCR.N = 2 (OsArchMmuInitPerCPU); LOS_ArchMmuContextSwitch sets
    /// TTBR0 = user table | flags with PD0 cleared, or TTBR0 = 0 with PD0 set; DACR = 0b0111 as the startup code's
    /// mmu_setup writes it (domain 0 manager, domain 1 client); CONTEXTIDR = the ASID of the space switched to.
    /// </summary>
    public readonly record struct MmuRegisters(uint Ttbr0, uint Ttbr1, uint Ttbcr, uint Dacr, uint Contextidr)
    {
        /// <summary>reset_vector_up.S mmu_setup: "Set DACR with 0b0111, client and manager domain".</summary>
        public const uint DacrValue = 0x7;

        /// <summary>TTBCR.N = clz(KERNEL_ASPACE_BASE) + 1.</summary>
        public const uint TtbcrN = 2;

        /// <summary>OsArchMmuInitPerCPU before any user space: N = 2 and PD0 (no TTBR0 walks), 0x12.</summary>
        public const uint KernelOnlyTtbcr = MmuDescriptor.TtbcrPd0 | TtbcrN;

        /// <summary>reset_vector_up.S mmu_setup: SCTLR bits it sets, M (MMU), C (data cache), I (instruction cache).</summary>
        public const uint SctlrSet = 1u << 0 | 1u << 2 | 1u << 12;

        /// <summary>reset_vector_up.S mmu_setup: SCTLR bits it clears, A (alignment check), TRE, AFE.</summary>
        public const uint SctlrClear = 1u << 1 | 1u << 28 | 1u << 29;

        /// <summary>Registers after LOS_ArchMmuContextSwitch(user) with the kernel table in TTBR1; user may be null.</summary>
        public static MmuRegisters ForSpace(ArchMmu kernel, ArchMmu user)
        {
            var ttbr1 = kernel.PhysTtb | MmuDescriptor.TtbrFlags;
            if (user == null)
            {
                return new MmuRegisters(0, ttbr1, KernelOnlyTtbcr, DacrValue, kernel.Asid);
            }
            return new MmuRegisters(user.PhysTtb | MmuDescriptor.TtbrFlags, ttbr1, TtbcrN, DacrValue, user.Asid);
        }

        public override string ToString() =>
            $"TTBR0 0x{Ttbr0:X8} TTBR1 0x{Ttbr1:X8} TTBCR 0x{Ttbcr:X} DACR 0x{Dacr:X} CONTEXTIDR 0x{Contextidr:X}";
    }
}
