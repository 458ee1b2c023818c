namespace HarmonyRenode.Core.Mmu.Walk
{
    /// <summary>
    /// A short-descriptor first-level entry (ARM ARM B3.5.1, Figure B3-4) with the manual's field names.
    /// With the PXN extension (Cortex-A7 has LPAE, so it is present) bits[1:0] = 0b11 is a section with PXN set.
    /// </summary>
    public readonly struct FirstLevelDescriptor
    {
        public FirstLevelDescriptor(uint value)
        {
            Value = value;
        }

        public uint Value { get; }

        public bool IsFault => (Value & 3) == 0;

        public bool IsPageTable => (Value & 3) == 1;

        /// <summary>Section or supersection: bit 1 set.</summary>
        public bool IsSectionOrSupersection => (Value & 2) != 0;

        public bool IsSupersection => IsSectionOrSupersection && Bit(18);

        // Page table fields.
        public uint PageTableBaseAddress => Value & 0xFFFFFC00;

        /// <summary>Bit 2 of a page-table entry.</summary>
        public bool PageTablePxn => Bit(2);

        /// <summary>Bit 3 of a page-table entry.</summary>
        public bool PageTableNs => Bit(3);

        /// <summary>Domain, bits[8:5] (sections and page tables; supersections are domain 0).</summary>
        public uint Domain => IsSupersection ? 0 : (Value >> 5) & 0xF;

        // Section fields.
        public uint SectionBaseAddress => Value & 0xFFF00000;

        public uint SupersectionBaseAddress => Value & 0xFF000000;

        /// <summary>Bit 0 of a section when the PXN extension is implemented.</summary>
        public bool SectionPxn => Bit(0);

        public bool B => Bit(2);

        public bool C => Bit(3);

        public bool XN => Bit(4);

        public uint ApLow => (Value >> 10) & 3;

        public uint Tex => (Value >> 12) & 7;

        public bool Ap2 => Bit(15);

        public bool S => Bit(16);

        public bool NG => Bit(17);

        public bool SectionNs => Bit(19);

        /// <summary>AP[2:0].</summary>
        public uint Ap => (Ap2 ? 4u : 0u) | ApLow;

        private bool Bit(int n) => (Value & (1u << n)) != 0;

        public override string ToString() => $"L1 0x{Value:X8}";
    }
}
