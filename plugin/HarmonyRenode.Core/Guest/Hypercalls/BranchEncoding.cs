using System;

namespace HarmonyRenode.Core.Guest.Hypercalls
{
    /// <summary>
    /// The unconditional branches the host writes at a hooked function's entry (ARM ARM A8.8.18, B): A1 `B` in ARM
    /// state (PC reads as the instruction + 8, ±32 MiB) and T4 `B.W` in Thumb state (PC + 4, ±16 MiB).
    /// </summary>
    public static class BranchEncoding
    {
        /// <summary>`B target` at <paramref name="at"/>, ARM state (cond AL).</summary>
        public static uint Arm(uint at, uint target)
        {
            var offset = (long)target - (at + 8);
            if ((offset & 3) != 0 || offset < -(1L << 25) || offset >= 1L << 25)
            {
                throw new ArgumentOutOfRangeException(nameof(target), $"no ARM branch from 0x{at:X8} to 0x{target:X8}");
            }
            return 0xEA000000u | (uint)(offset >> 2) & 0x00FFFFFFu;
        }

        /// <summary>`B.W target` at <paramref name="at"/>, Thumb state: the two halfwords, first one first.</summary>
        public static (ushort First, ushort Second) ThumbWide(uint at, uint target)
        {
            var offset = (long)target - (at + 4);
            if ((offset & 1) != 0 || offset < -(1L << 24) || offset >= 1L << 24)
            {
                throw new ArgumentOutOfRangeException(nameof(target), $"no Thumb branch from 0x{at:X8} to 0x{target:X8}");
            }
            var imm = (uint)offset;
            var s = (imm >> 24) & 1;
            var i1 = (imm >> 23) & 1;
            var i2 = (imm >> 22) & 1;
            var j1 = ~(i1 ^ s) & 1;
            var j2 = ~(i2 ^ s) & 1;
            var first = (ushort)(0xF000u | s << 10 | (imm >> 12) & 0x3FFu);
            var second = (ushort)(0x9000u | j1 << 13 | j2 << 11 | (imm >> 1) & 0x7FFu);
            return (first, second);
        }
    }
}
