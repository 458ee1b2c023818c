namespace HarmonyRenode.Core.Guest
{
    /// <summary>TTBR0/TTBCR/CONTEXTIDR for a space switch: the guest's HrMmuContext, in the same field order.</summary>
    public struct MmuContext
    {
        public MmuContext(uint ttbr0, uint ttbcr, uint contextIdr)
        {
            Ttbr0 = ttbr0;
            Ttbcr = ttbcr;
            ContextIdr = contextIdr;
        }

        public uint Ttbr0 { get; }

        public uint Ttbcr { get; }

        public uint ContextIdr { get; }
    }
}
