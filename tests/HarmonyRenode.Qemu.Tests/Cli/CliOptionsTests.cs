using System;
using HarmonyRenode.Cli;
using HarmonyRenode.Core.Ports;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Cli
{
    [TestFixture]
    public class CliOptionsTests
    {
        [Test]
        public void Run_defaults_to_qemu_64_MiB_warnings_and_60_seconds()
        {
            var o = CliOptions.Parse(new[] { "run", "fw.elf" });
            Assert.That(o.Verb, Is.EqualTo("run"));
            Assert.That(o.Firmware, Is.EqualTo("fw.elf"));
            Assert.That(o.Engine, Is.EqualTo("qemu"));
            Assert.That(o.ManagedSize, Is.EqualTo(64u << 20));
            Assert.That(o.LogLevel, Is.EqualTo(LogLevel.Warning));
            Assert.That(o.Timeout, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(o.Diagnostics, Is.False);
            Assert.That(o.CheckInvariants, Is.False);
            Assert.That(o.AslrSeed, Is.Null);
        }

        [Test]
        public void Every_option_is_read()
        {
            var o = CliOptions.Parse(new[]
            {
                "run", "--engine", "qemu", "--managed-size", "32", "--log-level", "debug", "--diagnostics",
                "--timeout", "5", "--check-invariants", "--aslr-seed", "7", "fw.elf",
            });
            Assert.That(o.AslrSeed, Is.EqualTo(7));
            Assert.That(o.ManagedSize, Is.EqualTo(32u << 20));
            Assert.That(o.LogLevel, Is.EqualTo(LogLevel.Debug));
            Assert.That(o.Diagnostics, Is.True);
            Assert.That(o.Timeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(o.CheckInvariants, Is.True);
            Assert.That(o.Firmware, Is.EqualTo("fw.elf"));
        }

        [Test]
        public void Link_names_the_device_firmware()
        {
            Assert.That(CliOptions.Parse(new[] { "run", "fw.elf" }).LinkedDevice, Is.Null);
            Assert.That(CliOptions.Parse(new[] { "run", "fw.elf", "--link", "dev.elf" }).LinkedDevice, Is.EqualTo("dev.elf"));
        }

        [Test]
        public void Sanitize_sample_takes_every_Nth_heap_block()
        {
            Assert.That(CliOptions.Parse(new[] { "run", "fw.elf", "--sanitize" }).SanitizeSample, Is.EqualTo(0u));
            Assert.That(CliOptions.Parse(new[] { "run", "fw.elf", "--sanitize", "--sanitize-sample", "4" }).SanitizeSample, Is.EqualTo(4u));
        }

        [TestCase(new string[0], "no command")]
        [TestCase(new[] { "fly" }, "unknown command 'fly'")]
        [TestCase(new[] { "run" }, "run needs a firmware ELF")]
        [TestCase(new[] { "run", "a.elf", "b.elf" }, "unexpected argument 'b.elf'")]
        [TestCase(new[] { "run", "a.elf", "--engine", "renode" }, "unknown engine 'renode' (available: qemu, qemu-gdb)")]
        [TestCase(new[] { "run", "a.elf", "--managed-size", "2" }, "--managed-size must be 4..1024 MiB")]
        [TestCase(new[] { "run", "a.elf", "--managed-size", "lots" }, "--managed-size needs a whole number, not 'lots'")]
        [TestCase(new[] { "run", "a.elf", "--log-level", "loud" }, "unknown log level 'loud' (error, warning, info, debug)")]
        [TestCase(new[] { "run", "a.elf", "--timeout" }, "--timeout needs a value")]
        [TestCase(new[] { "run", "a.elf", "--timeout", "0" }, "--timeout must be at least 1 second")]
        [TestCase(new[] { "run", "a.elf", "--aslr-seed", "-1" }, "--aslr-seed needs a whole number, not '-1'")]
        [TestCase(new[] { "run", "a.elf", "--aslr-seed", "4294967295" }, "--aslr-seed must be 0..2147483647")]
        [TestCase(new[] { "run", "a.elf", "--verbose" }, "unexpected argument '--verbose'")]
        [TestCase(new[] { "model-demo", "a.elf" }, "unexpected argument 'a.elf'")]
        [TestCase(new[] { "run", "a.elf", "--link" }, "--link needs a value")]
        [TestCase(new[] { "run", "a.elf", "--engine", "qemu-gdb", "--link", "d.elf" }, "--link needs --engine qemu")]
        [TestCase(new[] { "run", "a.elf", "--sanitize-sample", "4" }, "--sanitize-sample needs --sanitize")]
        [TestCase(new[] { "run", "a.elf", "--sanitize", "--sanitize-sample", "0" }, "--sanitize-sample needs N of at least 1 (every Nth heap block)")]
        public void Bad_command_lines_say_what_is_wrong(string[] args, string message)
        {
            var ex = Assert.Throws<UsageException>(() => CliOptions.Parse(args));
            Assert.That(ex.Message, Is.EqualTo(message));
        }

    }
}
