using System;
using System.CommandLine;
using System.IO;
using System.Runtime.InteropServices;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Session;

namespace HarmonyRenode.Cli
{
    /// <summary>harmony-renode: LiteOS-A firmware on QEMU with the memory manager in the host (README, "Firmware on QEMU").</summary>
    public static class Program
    {
        public static int Main(string[] args) => Run(args, Console.Out, Console.Error, CliParser.Create());

        /// <summary>
        /// The whole CLI on the given streams: help (exit 0), a usage error (one line, exit 2), or the command.
        /// </summary>
        public static int Run(string[] args, TextWriter output, TextWriter error, CliParser parser)
        {
            var result = parser.Parse(args);
            if (result.Action is HelpWithExitCodes)
            {
                return result.Invoke(new InvocationConfiguration { Output = output, Error = error });
            }
            var usage = parser.UsageError(result);
            if (usage != null)
            {
                error.WriteLine($"{ConsoleLog.Prefix}{usage}; try '{parser.HelpHint(result)}'");
                return ExitCodes.Usage;
            }
            var options = CliOptions.From(parser, result);
            if (options.Verb == "model-demo")
            {
                return Guard(new ModelDemoCommand(options, output, error).Execute, error, options.LogLevel);
            }
            return Execute(new RunCommand(options, output, error), error, options.LogLevel);
        }

        /// <summary>
        /// Runs a command; an exception it did not expect (a bug of the host) becomes one line and exit 125, with the
        /// stack trace only at `--log-level debug` (no stack traces to users).
        /// </summary>
        public static int Guard(Func<int> command, TextWriter error, LogLevel logLevel)
        {
            try
            {
                return command();
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                var log = new ConsoleLog(error, logLevel);
                var hint = logLevel > LogLevel.Debug ? " (--log-level debug shows where)" : "";
                log.Log(LogLevel.Error, $"host failure: {HostFailure.Describe(ex)}{hint}");
                log.Log(LogLevel.Debug, ex.ToString());
                return ExitCodes.HostFailure;
            }
        }

        private static int Execute(RunCommand run, TextWriter error, LogLevel logLevel)
        {
            // Stay alive on Ctrl-C and SIGTERM long enough to kill QEMU and report: a QEMU left running would keep
            // spinning the guest (and its GDB port) after we are gone.
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                run.Interrupt(ExitCodes.Interrupted);
            };
            Console.CancelKeyPress += onCancel;
            using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                run.Interrupt(ExitCodes.Terminated);
            });
            try
            {
                return Guard(run.Execute, error, logLevel);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }
    }
}
