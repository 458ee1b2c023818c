namespace HarmonyRenode.Core.Mmu.Walk
{
    /// <summary>A short-descriptor second-level entry (ARM ARM B3.5.1, Figure B3-5): large or small page.</summary>
    public readonly struct SecondLevelDescriptor
    {
        public SecondLevelDescriptor(uint value)
        {
            Value = value;
        }

        public uint Value { get; }

        public bool IsFault => (Value & 3) == 0;

        public bool IsLargePage => (Value & 3) == 1;

        /// <summary>Small page: bit 1 set; bit 0 is then XN.</summary>
        public bool IsSmallPage => (Value & 2) != 0;

        public uint LargePageBaseAddress => Value & 0xFFFF0000;

        public uint SmallPageBaseAddress => Value & 0xFFFFF000;

        public bool B => Bit(2);

        public bool C => Bit(3);

        public uint ApLow => (Value >> 4) & 3;

        public bool Ap2 => Bit(9);

        public bool S => Bit(10);

        public bool NG => Bit(11);

        /// <summary>TEX: bits[8:6] for small pages, bits[14:12] for large pages.</summary>
        public uint Tex => IsLargePage ? (Value >> 12) & 7 : (Value >> 6) & 7;

        /// <summary>XN: bit 0 for small pages, bit 15 for large pages.</summary>
        public bool XN => IsLargePage ? Bit(15) : Bit(0);

        public uint Ap => (Ap2 ? 4u : 0u) | ApLow;

        private bool Bit(int n) => (Value & (1u << n)) != 0;

        public override string ToString() => $"L2 0x{Value:X8}";
    }
}
