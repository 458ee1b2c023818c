using HarmonyRenode.Tests;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests
{
    /// <summary>firmware/Makefile builds every program file or refuses it loudly (firmware/ABI.md, "Writing a program").</summary>
    [TestFixture]
    public class FirmwareMakefileTests
    {
        [Test]
        public void A_user_half_without_its_kernel_half_is_refused_naming_both_files()
        {
            var programs = Programs(("hello.c", "int hr_main(void) { return 0; }\n"), ("lonely_user.c", "int x;\n"));

            var make = Make(programs, "list");

            Assert.That(make.ExitCode, Is.Not.Zero, make.Output);
            Assert.That(make.Output, Does.Contain($"{programs}/lonely_user.c without {programs}/lonely.c"));
        }

        [Test]
        public void A_program_with_a_user_half_is_one_program_and_every_kernel_file_is_one()
        {
            var programs = Programs(("alpha.c", ""), ("alpha_user.c", ""), ("beta.c", ""));

            var make = Make(programs, "list");

            Assert.That(make.ExitCode, Is.Zero, make.Output);
            Assert.That(make.Output, Does.Contain("alpha beta\n"));
        }

        private static string Programs(params (string Name, string Text)[] files)
        {
            var dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "programs-" + TestContext.CurrentContext.Test.ID);
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
            Directory.CreateDirectory(dir);
            foreach (var (name, text) in files)
            {
                File.WriteAllText(Path.Combine(dir, name), text);
            }
            return dir;
        }

        private static (int ExitCode, string Output) Make(string programs, string target)
        {
            var start = new ProcessStartInfo("make")
            {
                WorkingDirectory = RepoPaths.Firmware,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("--no-print-directory");
            start.ArgumentList.Add("PROGRAMS_DIR=" + programs);
            start.ArgumentList.Add("BUILD=" + Path.Combine(programs, "build"));
            start.ArgumentList.Add(target);
            using var make = Process.Start(start);
            var stdout = make.StandardOutput.ReadToEndAsync();
            var stderr = make.StandardError.ReadToEnd();
            make.WaitForExit();
            return (make.ExitCode, stdout.Result + stderr);
        }
    }
}
