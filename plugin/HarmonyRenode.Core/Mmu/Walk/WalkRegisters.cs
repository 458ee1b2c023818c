namespace HarmonyRenode.Core.Mmu.Walk
{
    /// <summary>
    /// The CP15 state a short-descriptor walk depends on (ARM ARM B3.5, B4.1.153 TTBCR, B4.1.154-155 TTBR0/1,
    /// B4.1.43 DACR). SCTLR.TRE and SCTLR.AFE are taken as 0, as LiteOS-A's mmu_setup clears them.
    /// </summary>
    public readonly record struct WalkRegisters(uint Ttbr0, uint Ttbr1, uint Ttbcr, uint Dacr)
    {
        /// <summary>TTBCR.N, bits[2:0]: the width of the VA range TTBR0 does not cover.</summary>
        public int N => (int)(Ttbcr & 7);

        /// <summary>TTBCR.PD0, bit 4: walks through TTBR0 fault.</summary>
        public bool Pd0 => (Ttbcr & (1u << 4)) != 0;

        /// <summary>TTBCR.PD1, bit 5.</summary>
        public bool Pd1 => (Ttbcr & (1u << 5)) != 0;

        /// <summary>DACR field for a domain: 0b00 no access, 0b01 client, 0b10 reserved, 0b11 manager.</summary>
        public uint DomainAccess(uint domain) => (Dacr >> (int)(2 * domain)) & 3;
    }
}
