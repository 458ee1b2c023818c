using System;
using System.IO;
using System.Runtime.InteropServices;

namespace HarmonyRenode.Cli
{
    /// <summary>harmony-renode: LiteOS-A firmware on QEMU with the memory manager in the host (README, "Firmware on QEMU").</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var output = Console.Out;
            var error = Console.Error;
            CliOptions options;
            try
            {
                options = CliOptions.Parse(args);
            }
            catch (UsageException ex)
            {
                error.WriteLine(ConsoleLog.Prefix + ex.Message);
                error.WriteLine(CliOptions.Usage);
                return ExitCodes.Usage;
            }
            if (options.Verb == "model-demo")
            {
                return new ModelDemoCommand(options, output, error).Execute();
            }
            var run = new RunCommand(options, output, error);
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
