namespace HarmonyRenode.Core.Vm
{
    /// <summary>LosVmMapRange {base, size}: the key of a region in its space's RB tree.</summary>
    public readonly record struct LosVmMapRange(uint Base, uint Size)
    {
        /// <summary>base + size - 1 in 32-bit arithmetic (a size-0 range "ends" just below its base, as in C).</summary>
        public uint End => Base + Size - 1;

        public override string ToString() => $"[0x{Base:X8}, +0x{Size:X}]";
    }
}
