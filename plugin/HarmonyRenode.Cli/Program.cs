using System;
using System.IO;

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
            // Keep this process alive on Ctrl-C so it can report; QemuProcess kills QEMU on the same event.
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                run.Interrupt();
            };
            Console.CancelKeyPress += onCancel;
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
