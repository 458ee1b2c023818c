namespace HarmonyRenode.Core.Reporting
{
    /// <summary>An allocation not freed (yet): where it came from and how big it was asked to be.</summary>
    public readonly record struct LiveAllocation(uint Size, uint Site, string Function, ulong Time);
}
