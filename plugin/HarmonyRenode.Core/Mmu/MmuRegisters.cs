namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// The CP15 values an adapter programs so the emulated CPU walks the model's tables (docs/memory-manager.md §4.4):
    /// TTBR1 = kernel table | MMU_TTBRx_FLAGS and TTBCR.N = 2 (OsArchMmuInitPerCPU); LOS_ArchMmuContextSwitch sets
    /// TTBR0 = user table | flags with PD0 cleared, or TTBR0 = 0 with PD0 set; DACR = 0b0111 as the startup code's
    /// mmu_setup writes it (domain 0 manager, domain 1 client); CONTEXTIDR = the ASID of the space switched to.
    /// The same values are what the reference walker (<see cref="Walk.TranslationWalker"/>) walks with (ARM ARM B3.5,
    /// B4.1.153 TTBCR, B4.1.154-155 TTBR0/1, B4.1.43 DACR; SCTLR.TRE and AFE taken as 0, as mmu_setup clears them)
    /// and what g_hrConfig hands the guest's start-up code (Guest.HrConfigBlock).
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
        public static MmuRegisters ForSpace(ArchMmu kernel, ArchMmu? user)
        {
            var ttbr1 = kernel.PhysTtb | MmuDescriptor.TtbrFlags;
            if (user == null)
            {
                return new MmuRegisters(0, ttbr1, KernelOnlyTtbcr, DacrValue, kernel.Asid);
            }
            return new MmuRegisters(user.PhysTtb | MmuDescriptor.TtbrFlags, ttbr1, TtbcrN, DacrValue, user.Asid);
        }

        /// <summary>TTBCR.N, bits[2:0]: the width of the VA range TTBR0 does not cover.</summary>
        public int N => (int)(Ttbcr & 7);

        /// <summary>TTBCR.PD0, bit 4: walks through TTBR0 fault.</summary>
        public bool Pd0 => (Ttbcr & MmuDescriptor.TtbcrPd0) != 0;

        /// <summary>TTBCR.PD1, bit 5.</summary>
        public bool Pd1 => (Ttbcr & (1u << 5)) != 0;

        /// <summary>DACR field for a domain: 0b00 no access, 0b01 client, 0b10 reserved, 0b11 manager.</summary>
        public uint DomainAccess(uint domain) => (Dacr >> (int)(2 * domain)) & 3;

        public override string ToString() =>
            $"TTBR0 0x{Ttbr0:X8} TTBR1 0x{Ttbr1:X8} TTBCR 0x{Ttbcr:X} DACR 0x{Dacr:X} CONTEXTIDR 0x{Contextidr:X}";
    }
}
