using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using HarmonyRenode.Core.Session;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Cli
{
    /// <summary>
    /// The parsed command line (<see cref="CliParser"/> declares it). <see cref="Parse"/> throws
    /// <see cref="UsageException"/> with the reason.
    /// </summary>
    public sealed class CliOptions
    {
        public string Verb { get; private set; }

        public string Firmware { get; private set; }

        public string Engine { get; private set; }

        public uint ManagedSizeMiB { get; private set; }

        public uint ManagedSize => ManagedSizeMiB << 20;

        public LogLevel LogLevel { get; private set; }

        public bool Diagnostics { get; private set; }

        public TimeSpan Timeout { get; private set; }

        public bool CheckInvariants { get; private set; }

        /// <summary>Chrome Trace Event JSON of the model's events (Perfetto, chrome://tracing); null: no trace.</summary>
        public string TracePath { get; private set; }

        /// <summary>The self-contained HTML report of the run; null: no report.</summary>
        public string ReportPath { get; private set; }

        /// <summary>Whether the model's events are recorded (either file asked for).</summary>
        public bool Records => TracePath != null || ReportPath != null;

        /// <summary>--no-oracle: the bare model, no call sites, no findings (the oracle is on by default).</summary>
        public bool Oracle { get; private set; } = true;

        /// <summary>--sanitize: heap redzones and quarantine (addresses differ from LiteOS-A's).</summary>
        public bool Sanitize { get; private set; }

        /// <summary>--sanitize-sample N: every Nth heap block on its own page before a guard page (0: none).</summary>
        public uint SanitizeSample { get; private set; }

        /// <summary>--findings FILE.json: the oracle's findings and leaks, written however the run ends.</summary>
        public string FindingsFile { get; private set; }

        /// <summary>--leaks: print the leak report at exit, not only the summary line.</summary>
        public bool Leaks { get; private set; }

        /// <summary>QEMU's GDB stub on this loopback port for the user's debugger (engine qemu only).</summary>
        public int? GdbPort { get; private set; }

        /// <summary>A device firmware on QEMU's mps2-an385, joined to the board's console (engine qemu only).</summary>
        public string LinkedDevice { get; private set; }

        /// <summary>LOSCFG_ASLR's offsets from a generator with this seed; null (the default): ASLR off.</summary>
        public int? AslrSeed { get; private set; }

        public static CliOptions Parse(IReadOnlyList<string> args)
        {
            var parser = CliParser.Create();
            var result = parser.Parse(args.ToArray());
            var error = parser.UsageError(result);
            if (error != null)
            {
                throw new UsageException(error);
            }
            return From(parser, result);
        }

        /// <summary>The values of a parse without errors (of `run` or `model-demo`).</summary>
        internal static CliOptions From(CliParser parser, ParseResult result)
        {
            var options = new CliOptions
            {
                Verb = result.CommandResult.Command.Name,
                ManagedSizeMiB = result.GetValue(parser.ManagedSize),
                LogLevel = ToLogLevel(result.GetValue(parser.LogLevel)).Value,
                TracePath = result.GetValue(parser.Trace),
                ReportPath = result.GetValue(parser.Report),
            };
            if (result.CommandResult.Command == parser.Run)
            {
                options.Firmware = result.GetValue(parser.Firmware);
                options.Engine = result.GetValue(parser.Engine);
                options.GdbPort = result.GetValue(parser.Gdb);
                options.Diagnostics = result.GetValue(parser.Diagnostics);
                options.Timeout = TimeSpan.FromSeconds(result.GetValue(parser.Timeout));
                options.CheckInvariants = result.GetValue(parser.CheckInvariants);
                options.LinkedDevice = result.GetValue(parser.Link);
                options.AslrSeed = result.GetValue(parser.AslrSeed);
                options.Oracle = !result.GetValue(parser.NoOracle);
                options.Sanitize = result.GetValue(parser.Sanitize);
                options.SanitizeSample = result.GetValue(parser.SanitizeSample);
                options.FindingsFile = result.GetValue(parser.Findings);
                options.Leaks = result.GetValue(parser.Leaks);
            }
            return options;
        }

        /// <summary>--log-level's words; null for any other.</summary>
        internal static LogLevel? ToLogLevel(string text)
        {
            switch (text)
            {
                case "error": return LogLevel.Error;
                case "warning": return LogLevel.Warning;
                case "info": return LogLevel.Info;
                case "debug": return LogLevel.Debug;
                default: return null;
            }
        }
    }

    public sealed class UsageException : Exception
    {
        public UsageException(string message) : base(message)
        {
        }
    }
}
