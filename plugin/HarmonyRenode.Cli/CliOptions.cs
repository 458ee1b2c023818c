using System;
using System.Collections.Generic;
using System.Globalization;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Cli
{
    /// <summary>The parsed command line. <see cref="Parse"/> throws <see cref="UsageException"/> with the reason.</summary>
    public sealed class CliOptions
    {
        public const string Usage =
            "usage: harmony-renode run FIRMWARE.elf [--engine qemu|qemu-gdb] [--managed-size MiB] [--log-level error|warning|info|debug]\n" +
            "                          [--diagnostics] [--timeout SECONDS] [--check-invariants] [--gdb PORT] [--aslr-seed N]\n" +
            "                          [--link DEVICE.elf]\n" +
            "                          [--trace FILE.json] [--report FILE.html]\n" +
            "                          [--sanitize] [--sanitize-sample N] [--findings FILE.json] [--leaks] [--no-oracle]\n" +
            "       harmony-renode model-demo [--managed-size MiB] [--log-level LEVEL] [--trace FILE.json] [--report FILE.html]\n" +
            "exit codes: the firmware's own; 2 usage, 3 configuration/symbol missing, 4 unreplaced LOS_* ran,\n" +
            "            5 kernel panic, 6 invariant violations, 7 memory-safety findings, 8 firmware status above 255 or a host code,\n" +
            "            124 deadline, 125 host failure, 130 Ctrl-C, 143 SIGTERM";

        public string Verb { get; private set; }

        public string Firmware { get; private set; }

        public string Engine { get; private set; } = "qemu";

        public uint ManagedSizeMiB { get; private set; } = LiteOsModelFactory.DefaultManagedSize >> 20;

        public uint ManagedSize => ManagedSizeMiB << 20;

        public LogLevel LogLevel { get; private set; } = LogLevel.Warning;

        public bool Diagnostics { get; private set; }

        public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(60);

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
            if (args.Count == 0)
            {
                throw new UsageException("no command");
            }
            var options = new CliOptions { Verb = args[0] };
            if (options.Verb != "run" && options.Verb != "model-demo")
            {
                throw new UsageException($"unknown command '{args[0]}'");
            }
            for (var i = 1; i < args.Count; i++)
            {
                var arg = args[i];
                switch (arg)
                {
                    case "--engine":
                        options.Engine = Value(args, ref i);
                        if (options.Engine != "qemu" && options.Engine != "qemu-gdb")
                        {
                            throw new UsageException($"unknown engine '{options.Engine}' (available: qemu, qemu-gdb)");
                        }
                        break;
                    case "--gdb":
                        var port = Number(args, ref i, arg);
                        if (port == 0 || port > 65535)
                        {
                            throw new UsageException("--gdb needs a TCP port 1..65535");
                        }
                        options.GdbPort = (int)port;
                        break;
                    case "--managed-size":
                        options.ManagedSizeMiB = Number(args, ref i, arg);
                        // MemoryConfig.Validate's bounds: 4 MiB at least, and within the 1 GiB kernel window.
                        if (options.ManagedSizeMiB < 4 || options.ManagedSizeMiB > 1024)
                        {
                            throw new UsageException("--managed-size must be 4..1024 MiB");
                        }
                        break;
                    case "--log-level":
                        options.LogLevel = Level(Value(args, ref i));
                        break;
                    case "--diagnostics":
                        options.Diagnostics = true;
                        break;
                    case "--timeout":
                        var seconds = Number(args, ref i, arg);
                        if (seconds == 0)
                        {
                            throw new UsageException("--timeout must be at least 1 second");
                        }
                        options.Timeout = TimeSpan.FromSeconds(seconds);
                        break;
                    case "--link":
                        options.LinkedDevice = Value(args, ref i);
                        break;
                    case "--check-invariants":
                        options.CheckInvariants = true;
                        break;
                    case "--aslr-seed":
                        var seed = Number(args, ref i, arg);
                        if (seed > int.MaxValue)
                        {
                            throw new UsageException($"--aslr-seed must be 0..{int.MaxValue}");
                        }
                        options.AslrSeed = (int)seed;
                        break;
                    case "--trace":
                        options.TracePath = Value(args, ref i);
                        break;
                    case "--report":
                        options.ReportPath = Value(args, ref i);
                        break;
                    case "--no-oracle":
                        options.Oracle = false;
                        break;
                    case "--sanitize":
                        options.Sanitize = true;
                        break;
                    case "--sanitize-sample":
                        options.SanitizeSample = Number(args, ref i, arg);
                        if (options.SanitizeSample == 0)
                        {
                            throw new UsageException("--sanitize-sample needs N of at least 1 (every Nth heap block)");
                        }
                        break;
                    case "--leaks":
                        options.Leaks = true;
                        break;
                    case "--findings":
                        options.FindingsFile = Value(args, ref i);
                        break;
                    default:
                        if (arg.StartsWith("-", StringComparison.Ordinal) || options.Verb != "run" || options.Firmware != null)
                        {
                            throw new UsageException($"unexpected argument '{arg}'");
                        }
                        options.Firmware = arg;
                        break;
                }
            }
            if (!options.Oracle && (options.Sanitize || options.FindingsFile != null || options.Leaks))
            {
                throw new UsageException("--no-oracle cannot be combined with --sanitize, --findings or --leaks");
            }
            if (options.SanitizeSample != 0 && !options.Sanitize)
            {
                throw new UsageException("--sanitize-sample needs --sanitize");
            }
            if (options.GdbPort.HasValue && options.Engine != "qemu")
            {
                throw new UsageException("--gdb needs --engine qemu (qemu-gdb uses the stub itself)");
            }
            if (options.LinkedDevice != null && options.Engine != "qemu")
            {
                throw new UsageException("--link needs --engine qemu");
            }
            if (options.Verb == "run" && options.Firmware == null)
            {
                throw new UsageException("run needs a firmware ELF");
            }
            return options;
        }

        private static string Value(IReadOnlyList<string> args, ref int i)
        {
            if (i + 1 >= args.Count)
            {
                throw new UsageException($"{args[i]} needs a value");
            }
            return args[++i];
        }

        private static uint Number(IReadOnlyList<string> args, ref int i, string name)
        {
            var text = Value(args, ref i);
            if (!uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new UsageException($"{name} needs a whole number, not '{text}'");
            }
            return value;
        }

        private static LogLevel Level(string text)
        {
            switch (text)
            {
                case "error": return LogLevel.Error;
                case "warning": return LogLevel.Warning;
                case "info": return LogLevel.Info;
                case "debug": return LogLevel.Debug;
                default: throw new UsageException($"unknown log level '{text}' (error, warning, info, debug)");
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
