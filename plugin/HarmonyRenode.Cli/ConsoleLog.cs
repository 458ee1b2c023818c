using System.IO;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Cli
{
    /// <summary>Host log lines on stderr, prefixed so they never mix up with the firmware's UART on stdout.</summary>
    public sealed class ConsoleLog : ILogSink
    {
        public const string Prefix = "harmony-renode: ";

        private readonly TextWriter error;
        private readonly LogLevel minimum;

        public ConsoleLog(TextWriter error, LogLevel minimum)
        {
            this.error = error;
            this.minimum = minimum;
        }

        public void Log(LogLevel level, string message)
        {
            if (level < minimum)
            {
                return;
            }
            lock (error)
            {
                error.WriteLine($"{Prefix}[{level.ToString().ToLowerInvariant()}] {message}");
            }
        }
    }
}
