using System;
using System.CommandLine;
using System.IO;
using System.Runtime.InteropServices;

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
                return new ModelDemoCommand(options, output, error).Execute();
            }
            return Execute(new RunCommand(options, output, error), error);
        }

        private static int Execute(RunCommand run, TextWriter error)
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
                return run.Execute();
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                error.WriteLine($"{ConsoleLog.Prefix}[error] host failure: {ex}");
                return ExitCodes.HostFailure;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }
    }
}
