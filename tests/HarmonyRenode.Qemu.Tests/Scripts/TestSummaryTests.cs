using HarmonyRenode.Tests;
using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Scripts
{
    /// <summary>
    /// scripts/test.sh's closing line (scripts/lib/test-summary.sh) on the output of a real `dotnet test` whose test
    /// host crashes half-way (tests/fixtures/CrashingTestHost, outside the solution): the crash is a failure.
    /// </summary>
    [TestFixture]
    public class TestSummaryTests
    {
        [Test]
        public void A_test_host_that_crashes_counts_as_a_failure_and_the_summary_exits_non_zero()
        {
            var fixture = Path.Combine(RepoPaths.Root, "tests", "fixtures", "CrashingTestHost");
            var dotnet = Run("dotnet", null, "test", fixture, "-c", "Release", "--nologo");
            Assert.That(dotnet.Output, Does.Contain("Test host process crashed"), "the fixture must really crash its host\n" + dotnet.Output);

            var summary = Run(Path.Combine(RepoPaths.Root, "scripts", "lib", "test-summary.sh"), dotnet.Output);

            Assert.That(summary.Output.Trim(), Is.EqualTo("tests: 0 passed, 1 failed, 0 skipped (1 test host crashed or aborted)"));
            Assert.That(summary.ExitCode, Is.EqualTo(1));
        }

        [Test]
        public void Summaries_of_finished_assemblies_are_summed_and_a_clean_run_exits_zero()
        {
            // The two summary lines `dotnet test` prints for two assemblies that finished.
            const string log =
                "Test run for /a/Core.Tests.dll (.NETCoreApp,Version=v10.0)\n" +
                "Passed!  - Failed:     0, Passed:   500, Skipped:     0, Total:   500, Duration: 1 m - Core.Tests.dll (net10.0)\n" +
                "Test run for /a/Qemu.Tests.dll (.NETCoreApp,Version=v10.0)\n" +
                "Passed!  - Failed:     0, Passed:    70, Skipped:     2, Total:    72, Duration: 2 m - Qemu.Tests.dll (net10.0)\n";

            var summary = Run(Path.Combine(RepoPaths.Root, "scripts", "lib", "test-summary.sh"), log);

            Assert.That(summary.Output.Trim(), Is.EqualTo("tests: 570 passed, 0 failed, 2 skipped"));
            Assert.That(summary.ExitCode, Is.EqualTo(0));
        }

        private static (int ExitCode, string Output) Run(string file, string stdin, params string[] args)
        {
            var start = new ProcessStartInfo(file)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            // The test host's own MSBuild/VSTest variables would steer a nested `dotnet test` into this run.
            foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            {
                var name = (string)variable.Key;
                if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                    || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase))
                {
                    start.Environment.Remove(name);
                }
            }
            using var process = Process.Start(start);
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (stdin != null)
            {
                process.StandardInput.Write(stdin);
            }
            process.StandardInput.Close();
            Assert.That(process.WaitForExit(300_000), Is.True, $"{file} did not finish in 5 minutes");
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
