namespace HarmonyRenode.Core.Mmu.Walk
{
    /// <summary>What the CPU is doing with the address: a data read, a data write, or an instruction fetch.</summary>
    public enum AccessKind
    {
        Read,
        Write,
        Fetch,
    }
}
