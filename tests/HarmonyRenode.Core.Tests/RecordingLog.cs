using System.Collections.Generic;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Tests
{
    /// <summary>A log sink that keeps every line, so tests can assert "exactly one clear line".</summary>
    public sealed class RecordingLog : ILogSink
    {
        public List<string> Lines { get; } = new List<string>();

        public List<string> Errors { get; } = new List<string>();

        public void Log(LogLevel level, string message)
        {
            Lines.Add(message);
            if (level >= LogLevel.Error)
            {
                Errors.Add(message);
            }
        }
    }
}
