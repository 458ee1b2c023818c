namespace HarmonyRenode.Core.Faults
{
    /// <summary>OS_EXCEPT_DATA_ABORT (DFSR/DFAR) or OS_EXCEPT_PREFETCH_ABORT (IFSR/IFAR).</summary>
    public enum FaultKind
    {
        Data,
        Prefetch,
    }
}
