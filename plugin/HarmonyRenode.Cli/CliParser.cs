using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Session;

namespace HarmonyRenode.Cli
{
    /// <summary>
    /// The command line as System.CommandLine symbols: `run FIRMWARE.elf` and `model-demo`, their options, defaults
    /// and help texts (the README's option table must say the same: CliHelpTests). <see cref="Create"/> builds a
    /// fresh tree; <see cref="UsageError"/> turns a failed parse into the one line the user sees.
    /// </summary>
    public sealed class CliParser
    {
        public const string ExecutableName = "harmony-renode";

        // No response files (@FILE): a firmware path may start with '@', and the hand-written parser took it as is.
        private static readonly ParserConfiguration Configuration = new ParserConfiguration { ResponseFileTokenReplacer = null };

        public Argument<string> Firmware { get; } = new Argument<string>("FIRMWARE.elf")
        {
            Description = "the firmware ELF to run (make -C firmware builds firmware/build/NAME.elf)",
        };

        public Option<string> Engine { get; } = Valued("--engine", "qemu|qemu-gdb",
            "how the firmware's LOS_* calls and aborts reach the model: qemu, hypercalls through a mailbox in shared RAM; " +
            "qemu-gdb, breakpoints of QEMU's GDB stub (about a thousand times slower)",
            text => text == "qemu" || text == "qemu-gdb" ? text : throw new UsageException($"unknown engine '{text}' (available: qemu, qemu-gdb)"),
            "qemu");

        public Option<int?> Gdb { get; } = Valued<int?>("--gdb", "PORT",
            "open QEMU's GDB stub on 127.0.0.1:PORT for your own debugger (gdb-multiarch FIRMWARE.elf -ex 'target remote :PORT') " +
            "while the model serves the firmware (qemu engine only)",
            text =>
            {
                var port = WholeNumber("--gdb", text);
                return port >= 1 && port <= 65535 ? (int)port : throw new UsageException("--gdb needs a TCP port 1..65535");
            });

        public Option<uint> ManagedSize { get; } = Valued("--managed-size", "MiB",
            "MiB of RAM from 0x40000000 the model manages, LiteOS-A's SYS_MEM_SIZE_DEFAULT (4..1024)",
            text =>
            {
                // MemoryConfig.Validate's bounds: 4 MiB at least, and within the 1 GiB kernel window.
                var mib = WholeNumber("--managed-size", text);
                return mib >= 4 && mib <= 1024 ? mib : throw new UsageException("--managed-size must be 4..1024 MiB");
            },
            LiteOsModelFactory.DefaultManagedSize >> 20);

        public Option<string> LogLevel { get; } = Valued("--log-level", "error|warning|info|debug",
            "which host log lines to print, on stderr, each prefixed 'harmony-renode: [level]'",
            text => CliOptions.ToLogLevel(text).HasValue ? text : throw new UsageException($"unknown log level '{text}' (error, warning, info, debug)"),
            "warning");

        public Option<bool> Diagnostics { get; } = Flag("--diagnostics",
            "print the model's vmm, pmm and free when the firmware exits (LiteOS-A's shell commands: spaces and regions, physical pages, heap), and shm once the firmware called ShmInit");

        public Option<uint> Timeout { get; } = Valued("--timeout", "SECONDS",
            "stop a firmware that has not exited after this many seconds (exit code 124)",
            text =>
            {
                var seconds = WholeNumber("--timeout", text);
                return seconds >= 1 ? seconds : throw new UsageException("--timeout must be at least 1 second");
            },
            60u);

        public Option<bool> CheckInvariants { get; } = Flag("--check-invariants",
            "run the model's invariant checker when the firmware exits; violations make the exit code 6");

        public Option<string> Link { get; } = Valued("--link", "DEVICE.elf",
            "run a device firmware on its own QEMU (mps2-an385, Cortex-M3) joined to the board's console by a serial link " +
            "(firmware/ABI.md, \"Serial link\"); its UART lines are logged at info as 'device: ...' (qemu engine only)",
            text => text);

        public Option<int?> AslrSeed { get; } = Valued<int?>("--aslr-seed", "N",
            "turn on LOSCFG_ASLR: the user stack top, heap base and mmap base each move by a random page offset below 128 MiB, " +
            "drawn from a generator seeded with N (the same N gives the same layout)",
            text =>
            {
                var seed = WholeNumber("--aslr-seed", text);
                return seed <= int.MaxValue ? (int)seed : throw new UsageException($"--aslr-seed must be 0..{int.MaxValue}");
            });

        public Option<string> Trace { get; } = Valued("--trace", "FILE.json",
            "write the model's memory events to FILE.json as Chrome Trace Event JSON, to open in Perfetto", text => text);

        public Option<string> Report { get; } = Valued("--report", "FILE.html",
            "write one self-contained HTML report of the run to FILE.html, to open in any browser", text => text);

        public Option<bool> Sanitize { get; } = Flag("--sanitize",
            "add the memory-safety oracle's heap redzones and quarantine, and unmap freed page blocks, contiguous pages, single pages and vmalloc areas in a quarantine of VA: " +
            "finds more bugs, but addresses then differ from LiteOS-A's");

        public Option<uint> SanitizeSample { get; } = Valued("--sanitize-sample", "N",
            "with --sanitize, put every Nth heap block on its own page with an unmapped guard page after it (sampled, like KFENCE)",
            text =>
            {
                var n = WholeNumber("--sanitize-sample", text);
                return n >= 1 ? n : throw new UsageException("--sanitize-sample needs N of at least 1 (every Nth heap block)");
            });

        public Option<string> Findings { get; } = Valued("--findings", "FILE.json",
            "write the memory-safety oracle's findings and leaks to FILE.json however the run ends", text => text);

        public Option<bool> Leaks { get; } = Flag("--leaks",
            "print the leak report and the oracle's summary line at exit (without it, a run with no finding prints the summary only at --log-level info)");

        public Option<bool> NoOracle { get; } = Flag("--no-oracle",
            "run the bare model: no memory-safety oracle, no call sites, no findings");

        private CliParser(int? helpWidth)
        {
            Run = new Command("run", "run a LiteOS-A firmware ELF on QEMU (virt, Cortex-A7) with the memory manager modelled in the host")
            {
                Firmware, Engine, Gdb, ManagedSize, LogLevel, Diagnostics, Timeout, CheckInvariants, Link, AslrSeed, Trace, Report,
                Sanitize, SanitizeSample, Findings, Leaks, NoOracle,
            };
            Run.Validators.Add(Combinations);
            ModelDemo = new Command("model-demo",
                "boot the model on in-memory guest RAM (no emulator), run a short scripted workload and print vmm, pmm and free")
            {
                ManagedSize, LogLevel, Trace, Report,
            };
            // A plain command, not a RootCommand: the help's usage line names harmony-renode however the process was
            // started (dotnet harmony-renode.dll, a test host), and there is no --version or [directive] to explain.
            var help = new HelpOption();
            Root = new Command(ExecutableName, "LiteOS-A firmware on QEMU with the kernel's memory manager modelled in the host")
            {
                Run, ModelDemo, help,
            };
            var builtIn = (HelpAction)help.Action;
            if (helpWidth.HasValue)
            {
                builtIn.MaxWidth = helpWidth.Value;
            }
            help.Action = new HelpWithExitCodes(builtIn, Root, Run);
        }

        public Command Root { get; }

        public Command Run { get; }

        public Command ModelDemo { get; }

        /// <param name="helpWidth">Where --help wraps its lines; null: the terminal's width (no wrapping when redirected).</param>
        public static CliParser Create(int? helpWidth = null) => new CliParser(helpWidth);

        public ParseResult Parse(string[] args) => Root.Parse(args, Configuration);

        /// <summary>
        /// The first thing wrong with a command line, in the words of the hand-written parser this replaced (so
        /// scripts and tests that matched them keep working); null when the parse succeeded.
        /// </summary>
        public string UsageError(ParseResult result)
        {
            if (result.UnmatchedTokens.Count > 0)
            {
                var token = result.UnmatchedTokens[0];
                return result.CommandResult.Command == Root ? $"unknown command '{token}'" : $"unexpected argument '{token}'";
            }
            if (result.Errors.Count == 0)
            {
                return null;
            }
            var error = result.Errors[0];
            switch (error.SymbolResult)
            {
                case CommandResult command when command.Command == Root:
                    return "no command";
                case ArgumentResult argument when argument.Tokens.Count == 0 && argument.Argument == Firmware:
                    return "run needs a firmware ELF";
                case OptionResult option when option.Tokens.Count == 0:
                    return $"{option.Option.Name} needs a value";
                default:
                    return error.Message;
            }
        }

        /// <summary>What `--help` to suggest after an error: the command's own, or the root's.</summary>
        public string HelpHint(ParseResult result) =>
            result.CommandResult.Command == Root
                ? $"{ExecutableName} --help"
                : $"{ExecutableName} {result.CommandResult.Command.Name} --help";

        private void Combinations(CommandResult run)
        {
            var engine = Value(run, Engine);
            if (Value(run, NoOracle) && (Value(run, Sanitize) || Value(run, Findings) != null || Value(run, Leaks)))
            {
                run.AddError("--no-oracle cannot be combined with --sanitize, --findings or --leaks");
            }
            else if (Value(run, SanitizeSample) != 0 && !Value(run, Sanitize))
            {
                run.AddError("--sanitize-sample needs --sanitize");
            }
            else if (Value(run, Gdb).HasValue && engine != "qemu")
            {
                run.AddError("--gdb needs --engine qemu (qemu-gdb uses the stub itself)");
            }
            else if (Value(run, Link) != null && engine != "qemu")
            {
                run.AddError("--link needs --engine qemu");
            }
        }

        /// <summary>An option's value, or its type's default when its own value was refused (that error is reported).</summary>
        private static T Value<T>(CommandResult run, Option<T> option)
        {
            try
            {
                // Validators run before the options not given get their default results.
                return run.GetResult(option) == null ? (option.HasDefaultValue ? (T)option.GetDefaultValue() : default) : run.GetValue(option);
            }
            catch (InvalidOperationException)
            {
                return default;
            }
        }

        private static Option<bool> Flag(string name, string description) =>
            // Arity zero: `--diagnostics false` leaves 'false' to the command (an unexpected argument), as before.
            new Option<bool>(name) { Description = description, Arity = ArgumentArity.Zero };

        /// <summary>
        /// An option with one value, checked by <paramref name="parse"/> (which throws <see cref="UsageException"/>
        /// with the message). Given twice, the last one wins, as it did: wrappers such as scripts/demo.sh append
        /// the user's options to their own.
        /// </summary>
        private static Option<T> Valued<T>(string name, string helpName, string description, Func<string, T> parse, T defaultValue = default)
        {
            var option = new Option<T>(name)
            {
                Description = description,
                HelpName = helpName,
                Arity = ArgumentArity.OneOrMore,
                AllowMultipleArgumentsPerToken = false,
                CustomParser = result =>
                {
                    if (result.Tokens.Count == 0)
                    {
                        return defaultValue;
                    }
                    try
                    {
                        return parse(result.Tokens[result.Tokens.Count - 1].Value);
                    }
                    catch (UsageException ex)
                    {
                        result.AddError(ex.Message);
                        return defaultValue;
                    }
                },
            };
            if (!Equals(defaultValue, default(T)))
            {
                option.DefaultValueFactory = _ => defaultValue;
            }
            return option;
        }

        private static uint WholeNumber(string name, string text) =>
            uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new UsageException($"{name} needs a whole number, not '{text}'");
    }
}
