namespace HarmonyRenode.Core.Vm
{
    /// <summary>LOS_RB_RED / LOS_RB_BLACK.</summary>
    public enum RbColor
    {
        Red = 0,
        Black = 1,
    }
}
