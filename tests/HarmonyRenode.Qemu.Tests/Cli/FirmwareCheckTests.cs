using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using HarmonyRenode.Cli;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Cli
{
    /// <summary>
    /// The CLI's firmware loader on broken files: every malformed or truncated ELF is exit 2 with one line naming the
    /// file, a stripped one or one lacking ABI symbols is exit 3 naming every missing symbol, and nothing escapes
    /// as an exception or a stack trace.
    /// </summary>
    [TestFixture]
    [Parallelizable(ParallelScope.All)]
    public class FirmwareCheckTests
    {
        private static byte[] Demo => File.ReadAllBytes(FirmwareBuild.Elf("demo"));

        private static string Scratch(string name) =>
            Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{TestContext.CurrentContext.Test.ID}-{name}");

        [Test]
        public void The_real_firmware_passes()
        {
            var (code, lines) = Check(FirmwareBuild.Elf("demo"));
            Assert.That(code, Is.EqualTo(ExitCodes.Ok));
            Assert.That(lines, Is.Empty);
        }

        [TestCase(0)]
        [TestCase(3)]
        [TestCase(20)]
        [TestCase(52)]
        [TestCase(100)]
        public void A_file_cut_short_is_a_usage_error_naming_it(int length)
        {
            var path = Write("cut", Demo.Take(length).ToArray());
            var (code, lines) = Check(path);
            Assert.That(code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(lines, Has.Count.EqualTo(1));
            Assert.That(lines[0], Does.StartWith(path + ": "));
        }

        [Test]
        public void Half_a_file_is_truncated()
        {
            var demo = Demo;
            var path = Write("half", demo.Take(demo.Length / 2).ToArray());
            var (code, lines) = Check(path);
            Assert.That(code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(lines.Single(), Does.StartWith(path + ": truncated or malformed ELF: "));
        }

        [Test]
        public void Section_headers_past_the_end_are_named()
        {
            var bytes = Demo;
            BitConverter.GetBytes((uint)bytes.Length - 8).CopyTo(bytes, 32); // e_shoff
            var path = Write("shoff", bytes);
            var (code, lines) = Check(path);
            Assert.That(code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(lines.Single(), Does.Contain("section headers at offset").And.Contain("run past the end of the file"));
        }

        [Test]
        public void A_section_count_past_the_end_is_named()
        {
            var bytes = Demo;
            BitConverter.GetBytes((ushort)0xFFFF).CopyTo(bytes, 48); // e_shnum
            var (code, lines) = Check(Write("shnum", bytes));
            Assert.That(code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(lines.Single(), Does.Contain("65535 section headers"));
        }

        [Test]
        public void A_stripped_ELF_is_exit_3_naming_every_ABI_symbol()
        {
            var path = Scratch("stripped.elf");
            Tool("arm-none-eabi-strip", "-o", path, FirmwareBuild.Elf("demo"));
            var (code, lines) = Check(path);
            Assert.That(code, Is.EqualTo(ExitCodes.MissingConfiguration));
            Assert.That(lines.Single(), Does.StartWith(path + ": has no symbol table (stripped?); missing guest ABI symbols: "));
            foreach (var symbol in AbiSymbolsOfFirmwareAbiDoc)
            {
                Assert.That(lines.Single(), Does.Contain(symbol));
            }
        }

        [Test]
        public void Missing_ABI_symbols_are_all_named_not_just_the_first()
        {
            var path = Scratch("partial.elf");
            Tool("arm-none-eabi-objcopy", "--strip-symbol=g_hrConfig", "--strip-symbol=m_aucSysMem1", "--strip-symbol=__bss_end",
                FirmwareBuild.Elf("demo"), path);
            var (code, lines) = Check(path);
            Assert.That(code, Is.EqualTo(ExitCodes.MissingConfiguration));
            Assert.That(lines.Single(), Is.EqualTo($"{path}: lacks guest ABI symbols: g_hrConfig, m_aucSysMem1, __bss_end (see firmware/ABI.md)"));
        }

        /// <summary>
        /// Thousands of damaged copies of a real firmware (truncated anywhere, header and section-header fields set to
        /// hostile values, random bytes overwritten): each is accepted or refused with exit 2 or 3 and one line.
        /// </summary>
        [Test]
        public void Thousands_of_mutated_and_truncated_ELFs_each_get_a_clean_answer()
        {
            var demo = Demo;
            var random = new Random(20261130);
            var path = Scratch("fuzz.elf");
            var shoff = BitConverter.ToUInt32(demo, 32);
            var hostile = new uint[] { 0, 1, 0x7F, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, (uint)demo.Length, (uint)demo.Length + 1 };
            var outcomes = new Dictionary<int, int>();
            for (var round = 0; round < 4000; round++)
            {
                var bytes = (byte[])demo.Clone();
                switch (round % 5)
                {
                    case 0: // truncated anywhere
                        bytes = bytes.Take(random.Next(bytes.Length)).ToArray();
                        break;
                    case 1: // an ELF header field
                        Poke(bytes, random.Next(0, 52 - 3), hostile[random.Next(hostile.Length)]);
                        break;
                    case 2: // a section header field (offset, size, link, entry size, name)
                        Poke(bytes, (int)shoff + random.Next(0, (bytes.Length - (int)shoff) / 4) * 4, hostile[random.Next(hostile.Length)]);
                        break;
                    case 3: // a burst of random bytes anywhere, then maybe cut
                        for (var i = random.Next(1, 16); i > 0; i--)
                        {
                            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                        }
                        if (random.Next(2) == 0)
                        {
                            bytes = bytes.Take(random.Next(bytes.Length)).ToArray();
                        }
                        break;
                    default: // section headers and the tables they point to, several words at once
                        for (var i = random.Next(1, 6); i > 0; i--)
                        {
                            Poke(bytes, random.Next(bytes.Length - 4), (uint)random.Next() ^ hostile[random.Next(hostile.Length)]);
                        }
                        break;
                }
                File.WriteAllBytes(path, bytes);
                int code;
                List<string> lines;
                try
                {
                    (code, lines) = Check(path);
                }
                catch (Exception ex)
                {
                    File.WriteAllBytes(path + ".failing", bytes);
                    Assert.Fail($"round {round}: the loader threw (input kept as {path}.failing):\n{ex}");
                    return;
                }
                outcomes[code] = outcomes.TryGetValue(code, out var n) ? n + 1 : 1;
                if (code == ExitCodes.Ok)
                {
                    Assert.That(lines, Is.Empty, $"round {round}");
                    continue;
                }
                Assert.That(code, Is.EqualTo(ExitCodes.Usage).Or.EqualTo(ExitCodes.MissingConfiguration), $"round {round}");
                Assert.That(lines, Has.Count.EqualTo(1), $"round {round}: {string.Join(" | ", lines)}");
                Assert.That(lines[0], Does.StartWith(path + ": ").And.Not.Contain("\n").And.Not.Contain("Exception"), $"round {round}");
            }
            TestContext.Progress.WriteLine("fuzz outcomes (exit code: count): " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}")));
            Assert.That(outcomes.Keys, Does.Contain(ExitCodes.Usage), "the mutations reach the refusals");
        }

        /// <summary>A few of the broken files through the real CLI process: exit code, one stderr line, no stack trace.</summary>
        [Test]
        public void The_real_CLI_answers_broken_files_with_one_line_and_the_documented_code()
        {
            var demo = Demo;
            var shoffPastEnd = (byte[])demo.Clone();
            BitConverter.GetBytes((uint)demo.Length).CopyTo(shoffPastEnd, 32);
            var stripped = Scratch("cli-stripped.elf");
            Tool("arm-none-eabi-strip", "-o", stripped, FirmwareBuild.Elf("demo"));
            var cases = new (string Path, int Code)[]
            {
                (Write("cli-52", demo.Take(52).ToArray()), ExitCodes.Usage),
                (Write("cli-100", demo.Take(100).ToArray()), ExitCodes.Usage),
                (Write("cli-half", demo.Take(demo.Length / 2).ToArray()), ExitCodes.Usage),
                (Write("cli-shoff", shoffPastEnd), ExitCodes.Usage),
                (stripped, ExitCodes.MissingConfiguration),
            };
            foreach (var (path, expected) in cases)
            {
                var (code, stdout, stderr) = RunCli("run", path);
                var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.That(code, Is.EqualTo(expected), $"{path}\n{stderr}");
                Assert.That(lines, Has.Length.EqualTo(1), $"{path}\n{stderr}");
                Assert.That(lines[0], Does.StartWith($"harmony-renode: [error] {path}: "));
                Assert.That(stdout, Is.Empty);
            }
        }

        /// <summary>The symbols firmware/ABI.md lists, read from the document, not from the code under test.</summary>
        private static IEnumerable<string> AbiSymbolsOfFirmwareAbiDoc =>
            new[] { "__text_start", "__text_end", "__rodata_start", "__rodata_end", "__ram_data_start", "__ram_data_end", "__bss_start",
                "__bss_end", "g_firstPageTable", "g_hrConfig", "m_aucSysMem0", "m_aucSysMem1", "g_hrTlbFlushes",
                "hr_data_abort_host", "hr_prefetch_abort_host", "hr_vm_space_activate", "hr_tlb_flush_return", "hr_exit",
                "hr_exit_host", "g_hrMailbox", "hr_hypercall_table", "hr_hypercall_table_thumb" };

        private static void Poke(byte[] bytes, int at, uint value)
        {
            if (at >= 0 && at + 4 <= bytes.Length)
            {
                BitConverter.GetBytes(value).CopyTo(bytes, at);
            }
        }

        private static string Write(string name, byte[] bytes)
        {
            var path = Scratch(name + ".elf");
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private static (int Code, List<string> Lines) Check(string path)
        {
            var log = new LinesLog();
            var code = FirmwareCheck.Check(path, log);
            return (code, log.Lines);
        }

        private static void Tool(string tool, params string[] args)
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start);
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.That(process.ExitCode, Is.Zero, $"{tool}: {stderr}");
        }

        private static (int Code, string Stdout, string Stderr) RunCli(params string[] args)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr);
        }

        private sealed class LinesLog : ILogSink
        {
            public List<string> Lines { get; } = new List<string>();

            public void Log(LogLevel level, string message) => Lines.Add(message);
        }
    }
}
