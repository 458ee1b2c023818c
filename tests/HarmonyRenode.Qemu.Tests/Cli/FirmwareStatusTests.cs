using System.Collections.Generic;
using HarmonyRenode.Cli;
using HarmonyRenode.Core.Ports;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Cli
{
    /// <summary>The firmware's hr_exit status as the CLI's exit code (README, "Exit code").</summary>
    public class FirmwareStatusTests
    {
        [TestCase(0)]
        [TestCase(1)]
        [TestCase(3)]   // the runtime's own codes mean the same on both sides
        [TestCase(4)]
        [TestCase(5)]
        [TestCase(42)]
        [TestCase(255)]
        public void A_status_that_fits_and_is_not_the_hosts_passes_through_silently(int status)
        {
            var log = new Lines();
            Assert.That(FirmwareStatus.ToExitCode(status, log), Is.EqualTo(status));
            Assert.That(log.Text, Is.Empty);
        }

        [TestCase(256, "256 (0x100) does not fit an exit code (0..255)")]
        [TestCase(300, "300 (0x12c) does not fit an exit code (0..255)")]
        [TestCase(-1, "-1 (0xffffffff) does not fit an exit code (0..255)")]
        [TestCase(2, "2 (0x2) is one of harmony-renode's own exit codes (2: usage)")]
        [TestCase(6, "6 (0x6) is one of harmony-renode's own exit codes (6: invariant violations)")]
        [TestCase(7, "7 (0x7) is one of harmony-renode's own exit codes (7: memory-safety findings)")]
        [TestCase(8, "8 (0x8) is one of harmony-renode's own exit codes (8: status not representable)")]
        [TestCase(124, "124 (0x7c) is one of harmony-renode's own exit codes (124: timeout)")]
        [TestCase(125, "125 (0x7d) is one of harmony-renode's own exit codes (125: host failure)")]
        [TestCase(130, "130 (0x82) is one of harmony-renode's own exit codes (130: Ctrl-C)")]
        [TestCase(143, "143 (0x8f) is one of harmony-renode's own exit codes (143: SIGTERM)")]
        public void A_status_out_of_range_or_colliding_is_reported_in_one_line_and_exits_8(int status, string said)
        {
            var log = new Lines();
            Assert.That(FirmwareStatus.ToExitCode(status, log), Is.EqualTo(8));
            Assert.That(log.Text, Is.EqualTo(new[] { $"Warning: firmware exit status {said}; exiting with 8" }));
        }

        [Test]
        public void A_firmware_returning_300_exits_8_with_the_whole_status_named_not_44()
        {
            var run = CliRun.Firmware("exit_status");
            Assert.That(run.ExitCode, Is.EqualTo(8), run.ToString());
            Assert.That(run.Stderr, Is.EqualTo("harmony-renode: [warning] firmware exit status 300 (0x12c) does not fit an exit code (0..255); exiting with 8\n"));
        }

        private sealed class Lines : ILogSink
        {
            public List<string> Text { get; } = new List<string>();

            public void Log(LogLevel level, string message) => Text.Add($"{level}: {message}");
        }
    }
}
