using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Linq;

namespace HarmonyRenode.Cli
{
    /// <summary>
    /// `--help`: System.CommandLine's own help, then, for the root and `run`, the exit codes (System.CommandLine's
    /// help layout is not extensible in 3.0, so the section is written after it, in the same two-column form).
    /// </summary>
    public sealed class HelpWithExitCodes : SynchronousCommandLineAction
    {
        private readonly HelpAction builtIn;
        private readonly Command[] withExitCodes;

        public HelpWithExitCodes(HelpAction builtIn, params Command[] withExitCodes)
        {
            this.builtIn = builtIn;
            this.withExitCodes = withExitCodes;
        }

        // As the built-in help: `run --help` needs no firmware, and a bad option beside --help still shows help.
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var code = builtIn.Invoke(parseResult);
            if (withExitCodes.Contains(parseResult.CommandResult.Command))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Exit codes:");
                output.WriteLine("  the firmware's own status (what hr_main returns), or");
                foreach (var pair in ExitCodes.Documented)
                {
                    output.WriteLine($"  {pair.Key,-5}{pair.Value}");
                }
                output.WriteLine();
            }
            return code;
        }
    }
}
