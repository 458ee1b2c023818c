using System.Collections.Generic;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Faults
{
    /// <summary>
    /// The fault handler's log. While an abort is served its lines are held; once the outcome is known they are
    /// passed on as they are, or, for an abort the firmware announced (g_hrExpectedFault, firmware/ABI.md), at info
    /// level and marked as expected, so a deliberate refused access does not read as a failure.
    /// </summary>
    public sealed class ExpectedFaultLog : ILogSink
    {
        public const string Marker = "expected fault: ";

        private readonly ILogSink inner;
        private readonly List<(LogLevel Level, string Message)> held = new List<(LogLevel, string)>();
        private bool holding;

        public ExpectedFaultLog(ILogSink inner)
        {
            this.inner = inner;
        }

        /// <summary>Keeps lines until <see cref="Release"/>.</summary>
        public void Hold()
        {
            holding = true;
        }

        /// <summary>Passes the held lines on; <paramref name="expected"/>: errors and warnings as expected info lines.</summary>
        public void Release(bool expected)
        {
            holding = false;
            foreach (var (level, message) in held)
            {
                if (expected && level > LogLevel.Info)
                {
                    inner?.Log(LogLevel.Info, Marker + message);
                }
                else
                {
                    inner?.Log(level, message);
                }
            }
            held.Clear();
        }

        public void Log(LogLevel level, string message)
        {
            if (holding)
            {
                held.Add((level, message));
                return;
            }
            inner?.Log(level, message);
        }
    }
}
