using System;
using System.IO;
using HarmonyRenode.Core.Oracle;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Cli
{
    /// <summary>
    /// What the user sees of the oracle: each finding printed on stderr as it is made (one ASan-like block), and at
    /// the end of the run a summary line (an info log line when there is nothing to report), the leak report (--leaks)
    /// and --findings.
    /// </summary>
    public sealed class OracleReport
    {
        private readonly GuestSymbolizer symbols;
        private readonly TextWriter error;
        private readonly ILogSink log;

        public OracleReport(MemoryOracle oracle, GuestSymbolizer symbols, TextWriter error, ILogSink log)
        {
            Oracle = oracle;
            this.symbols = symbols;
            this.error = error;
            this.log = log;
            oracle.FindingReported += Print;
        }

        public MemoryOracle Oracle { get; }

        private void Print(Finding finding)
        {
            lock (error)
            {
                error.Write(FindingText.Format(finding, symbols.Describe));
                error.Flush();
            }
        }

        public void AtEnd(CliOptions options, int exitCode, string ended)
        {
            var leaks = Oracle.Leaks();
            lock (error)
            {
                if (options.Leaks && leaks.Count > 0)
                {
                    error.Write(FindingText.FormatLeaks(leaks, symbols.Describe, Oracle.MarkSerial > 0));
                }
                // A clean run stays quiet at the default log level, as before the oracle.
                if (Oracle.Findings.Count > 0 || options.Leaks)
                {
                    error.WriteLine(FindingText.Summary(Oracle.Findings, leaks));
                }
                else
                {
                    log.Log(LogLevel.Info, FindingText.Summary(Oracle.Findings, leaks));
                }
                error.Flush();
            }
            if (options.FindingsFile != null)
            {
                try
                {
                    FindingsJson.Write(options.FindingsFile, options.Firmware, exitCode, ended, Oracle.Findings, leaks, symbols);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    error.WriteLine($"{ConsoleLog.Prefix}[error] cannot write --findings {options.FindingsFile}: {ex.Message}");
                }
            }
        }
    }
}
