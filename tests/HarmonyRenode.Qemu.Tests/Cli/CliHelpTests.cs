using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using HarmonyRenode.Cli;
using HarmonyRenode.Tests;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Cli
{
    /// <summary>
    /// `--help` as System.CommandLine prints it, what the README's option and exit-code tables say, and the one line
    /// a bad command line gets (through <see cref="Program.Run"/>, as the process runs it).
    /// </summary>
    [TestFixture]
    public class CliHelpTests
    {
        private sealed record Outcome(int ExitCode, string Stdout, string Stderr);

        private static Outcome Cli(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            // No wrapping: one option a line, whatever the terminal.
            var code = Program.Run(args, output, error, CliParser.Create(helpWidth: int.MaxValue));
            return new Outcome(code, output.ToString(), error.ToString());
        }

        [TestCase("--help")]
        [TestCase("-h")]
        [TestCase("run", "--help")]
        [TestCase("run", "fw.elf", "-h")]
        [TestCase("model-demo", "--help")]
        [TestCase("run", "--managed-size", "2", "--help")]
        public void Help_goes_to_stdout_and_exits_0(params string[] args)
        {
            var help = Cli(args);
            Assert.That(help.ExitCode, Is.EqualTo(0), help.ToString());
            Assert.That(help.Stderr, Is.Empty);
            Assert.That(help.Stdout, Does.StartWith("Description:").And.Contain("Usage:\n  harmony-renode"));
        }

        [Test]
        public void Root_help_names_both_commands()
        {
            var commands = Section(Cli("--help").Stdout, "Commands:").Select(row => row.First).ToList();
            Assert.That(commands, Is.EqualTo(new[] { "run <FIRMWARE.elf>", "model-demo" }));
        }

        [Test]
        public void Model_demo_takes_the_model_options_only()
        {
            var options = Section(Cli("model-demo", "--help").Stdout, "Options:").Select(row => row.First).ToList();
            Assert.That(options, Is.EqualTo(new[] { "--managed-size <MiB>", "--log-level <error|warning|info|debug>", "--trace <FILE.json>", "--report <FILE.html>", "-?, -h, --help" }));
            Assert.That(Cli("model-demo", "--diagnostics").Stderr, Does.StartWith("harmony-renode: unexpected argument '--diagnostics'"));
        }

        [Test]
        public void Every_option_has_a_description()
        {
            foreach (var command in new[] { "run", "model-demo" })
            {
                foreach (var row in Section(Cli(command, "--help").Stdout, "Options:"))
                {
                    Assert.That(row.Description.Length, Is.GreaterThan(20), $"{command} {row.First}");
                }
            }
        }

        [Test]
        public void The_README_option_table_says_what_run_help_says()
        {
            var help = Section(Cli("run", "--help").Stdout, "Options:")
                .Where(row => row.First != "-?, -h, --help")
                .Select(row =>
                {
                    var m = Regex.Match(row.Description, @"^(.*?)(?: \[default: (.*)\])?$");
                    return $"{row.First} | {(m.Groups[2].Success ? m.Groups[2].Value : "off")} | {m.Groups[1].Value}";
                })
                .ToList();
            var readme = Table(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")), "`run FIRMWARE.elf` options")
                .Select(cells => string.Join(" | ", cells.Select(Plain)))
                .ToList();
            Assert.That(readme, Is.EqualTo(help), "README.md, \"`run FIRMWARE.elf` options\", against `harmony-renode run --help`");
        }

        [Test]
        public void Help_and_the_README_list_every_exit_code_of_the_CLI()
        {
            var declared = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.Name != nameof(ExitCodes.Ok))
                .Select(f => (int)f.GetRawConstantValue())
                .OrderBy(code => code)
                .ToList();
            Assert.That(declared, Has.Count.EqualTo(11));
            foreach (var args in new[] { new[] { "--help" }, new[] { "run", "--help" } })
            {
                var listed = Section(Cli(args).Stdout, "Exit codes:")
                    .Where(row => row.Description.Length > 0)
                    .Select(row => int.Parse(row.First))
                    .ToList();
                Assert.That(listed, Is.EqualTo(declared), string.Join(" ", args));
            }
            var readme = Table(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")), "Exit code:")
                .Select(cells => int.Parse(cells[0]))
                .ToList();
            Assert.That(readme, Is.EqualTo(declared));
        }

        [TestCase(new string[0], "no command; try 'harmony-renode --help'")]
        [TestCase(new[] { "fly" }, "unknown command 'fly'; try 'harmony-renode --help'")]
        [TestCase(new[] { "--version" }, "unknown command '--version'; try 'harmony-renode --help'")]
        [TestCase(new[] { "run" }, "run needs a firmware ELF; try 'harmony-renode run --help'")]
        [TestCase(new[] { "run", "a.elf", "--timeout" }, "--timeout needs a value; try 'harmony-renode run --help'")]
        [TestCase(new[] { "run", "a.elf", "--timeout", "--diagnostics" }, "--timeout needs a whole number, not '--diagnostics'; try 'harmony-renode run --help'")]
        [TestCase(new[] { "run", "a.elf", "--gdb", "0" }, "--gdb needs a TCP port 1..65535; try 'harmony-renode run --help'")]
        [TestCase(new[] { "run", "a.elf", "--gdb", "x", "--engine", "qemu-gdb" }, "--gdb needs a whole number, not 'x'; try 'harmony-renode run --help'")]
        [TestCase(new[] { "run", "a.elf", "--engine", "qemu-gdb", "--gdb", "1234" }, "--gdb needs --engine qemu (qemu-gdb uses the stub itself); try 'harmony-renode run --help'")]
        [TestCase(new[] { "run", "a.elf", "--no-oracle", "--leaks" }, "--no-oracle cannot be combined with --sanitize, --findings or --leaks; try 'harmony-renode run --help'")]
        [TestCase(new[] { "run", "a.elf", "--diagnostics", "false" }, "unexpected argument 'false'; try 'harmony-renode run --help'")]
        [TestCase(new[] { "run", "a.elf", "--timeout", "5", "6" }, "unexpected argument '6'; try 'harmony-renode run --help'")]
        [TestCase(new[] { "model-demo", "--managed-size", "2048" }, "--managed-size must be 4..1024 MiB; try 'harmony-renode model-demo --help'")]
        public void A_bad_command_line_is_one_line_on_stderr_and_exit_2(string[] args, string line)
        {
            var run = Cli(args);
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(run.Stdout, Is.Empty);
            Assert.That(run.Stderr, Is.EqualTo($"harmony-renode: {line}\n"));
        }

        [Test]
        public void A_repeated_option_keeps_its_last_value()
        {
            var o = CliOptions.Parse(new[] { "run", "--timeout", "5", "fw.elf", "--timeout", "7", "--diagnostics", "--diagnostics", "--engine", "qemu-gdb", "--engine", "qemu" });
            Assert.That((o.Timeout, o.Diagnostics, o.Engine), Is.EqualTo((TimeSpan.FromSeconds(7), true, "qemu")));
        }

        [Test]
        public void A_firmware_path_is_taken_as_written()
        {
            // No response files: '@' starts no file of arguments, as with the hand-written parser.
            Assert.That(CliOptions.Parse(new[] { "run", "@fw.elf" }).Firmware, Is.EqualTo("@fw.elf"));
            Assert.That(CliOptions.Parse(new[] { "run", "--", "-fw.elf" }).Firmware, Is.EqualTo("-fw.elf"));
        }

        /// <summary>The rows of a two-column section of the help ("  FIRST  DESCRIPTION"), up to the blank line ending it.</summary>
        private static List<(string First, string Description)> Section(string help, string title)
        {
            var lines = help.Split('\n');
            var start = Array.IndexOf(lines, title);
            Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no section {title} in\n{help}");
            return lines.Skip(start + 1)
                .TakeWhile(line => line.Length > 0)
                .Select(line => Regex.Match(line, @"^  (\S+(?: \S+)*)(?: {2,}(.*))?$"))
                .Select(m => (m.Groups[1].Value, m.Groups[2].Value))
                .ToList();
        }

        /// <summary>The cells of the markdown table after the line starting with <paramref name="caption"/>.</summary>
        private static List<string[]> Table(string markdown, string caption)
        {
            var lines = markdown.Split('\n');
            var start = Array.FindIndex(lines, line => line.StartsWith(caption, StringComparison.Ordinal));
            Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no '{caption}' in README.md");
            return lines.Skip(start + 1)
                .SkipWhile(line => !line.StartsWith("|", StringComparison.Ordinal))
                .TakeWhile(line => line.StartsWith("|", StringComparison.Ordinal))
                .Skip(2)
                .Select(line => Regex.Split(line.Trim().Trim('|'), @"(?<!\\)\|").Select(cell => cell.Trim()).ToArray())
                .ToList();
        }

        /// <summary>A markdown cell as plain text: no code spans, link texts only, `\|` as `|`.</summary>
        private static string Plain(string cell) =>
            Regex.Replace(cell, @"\[([^\]]*)\]\([^)]*\)", "$1").Replace("`", "").Replace("\\|", "|");
    }
}
