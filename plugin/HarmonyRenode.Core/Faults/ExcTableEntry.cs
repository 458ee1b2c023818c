namespace HarmonyRenode.Core.Faults
{
    /// <summary>LosExcTable {excAddr, fixAddr}: one entry of __exc_table_start..__exc_table_end (docs/memory-manager.md §5.5).</summary>
    public readonly struct ExcTableEntry
    {
        public ExcTableEntry(uint excAddr, uint fixAddr)
        {
            ExcAddr = excAddr;
            FixAddr = fixAddr;
        }

        public uint ExcAddr { get; }

        public uint FixAddr { get; }
    }
}
