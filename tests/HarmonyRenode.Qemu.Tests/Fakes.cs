using System.Collections.Generic;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Qemu.Tests
{
    public sealed class ListLog : ILogSink
    {
        public List<string> Lines { get; } = new List<string>();

        public void Log(LogLevel level, string message)
        {
            lock (Lines)
            {
                Lines.Add($"{level}: {message}");
            }
            NUnit.Framework.TestContext.Progress.WriteLine($"[{level}] {message}");
        }
    }
}
