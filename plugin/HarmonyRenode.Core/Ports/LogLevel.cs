namespace HarmonyRenode.Core.Ports
{
    /// <summary>Ordered like Renode's levels so an adapter can map them one to one.</summary>
    public enum LogLevel
    {
        Debug = 0,
        Info = 1,
        Warning = 2,
        Error = 3,
    }
}
