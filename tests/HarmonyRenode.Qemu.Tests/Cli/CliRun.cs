using System.IO;
using HarmonyRenode.Cli;

namespace HarmonyRenode.Qemu.Tests.Cli
{
    /// <summary>The CLI's commands in this process with captured stdout and stderr.</summary>
    public sealed class CliRun
    {
        public int ExitCode { get; private set; }

        public string Stdout { get; private set; }

        public string Stderr { get; private set; }

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

        public static CliRun Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var options = CliOptions.Parse(args);
            var code = options.Verb == "model-demo"
                ? new ModelDemoCommand(options, output, error).Execute()
                : new RunCommand(options, output, error).Execute();
            return new CliRun { ExitCode = code, Stdout = output.ToString(), Stderr = error.ToString() };
        }

        public static CliRun Firmware(string program, params string[] options)
        {
            var args = new string[options.Length + 2];
            args[0] = "run";
            args[1] = FirmwareBuild.Elf(program);
            options.CopyTo(args, 2);
            return Run(args);
        }
    }
}
