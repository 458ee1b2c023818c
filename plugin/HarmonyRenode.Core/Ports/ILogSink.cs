namespace HarmonyRenode.Core.Ports
{
    public interface ILogSink
    {
        void Log(LogLevel level, string message);
    }
}
