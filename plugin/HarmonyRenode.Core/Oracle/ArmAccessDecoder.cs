namespace HarmonyRenode.Core.Oracle
{
    /// <summary>
    /// The size of the data access an A32 load or store makes, read from the faulting instruction (the DFSR tells the
    /// direction, WnR, but not the size). Covers the encodings a compiler emits for plain accesses (ARM ARM A5.3
    /// LDR/STR/LDRB/STRB, A5.2.8 the halfword, signed and doubleword forms, A5.5 LDM/STM); anything else, and Thumb
    /// code, is unknown (null).
    /// </summary>
    public static class ArmAccessDecoder
    {
        public static uint? AccessSize(uint instruction)
        {
            if (instruction >> 28 == 0xF)
            {
                return null; // unconditional space: PLD, SRS, RFE...
            }
            switch ((instruction >> 25) & 7)
            {
                case 2:
                case 3 when (instruction & 0x10) == 0:
                    return (instruction & (1u << 22)) != 0 ? 1u : 4u; // B bit
                case 4:
                    return 4 * (uint)BitCount(instruction & 0xFFFF);
                case 0 when IsExtraLoadStore(instruction):
                    var load = (instruction & (1u << 20)) != 0;
                    switch ((instruction >> 5) & 3)
                    {
                        case 1: return 2;                 // LDRH/STRH
                        case 2: return load ? 1u : 8u;    // LDRSB / LDRD
                        default: return load ? 2u : 8u;   // LDRSH / STRD
                    }
                default:
                    return null;
            }
        }

        /// <summary>Bits 7 and 4 set with op2 (bits 6:5) not 00; op2 00 is multiply, swap and exclusives.</summary>
        private static bool IsExtraLoadStore(uint instruction) => (instruction & 0x90) == 0x90 && (instruction & 0x60) != 0;

        private static int BitCount(uint v)
        {
            var n = 0;
            for (; v != 0; v &= v - 1)
            {
                n++;
            }
            return n;
        }
    }
}
