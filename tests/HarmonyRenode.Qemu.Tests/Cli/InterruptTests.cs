using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using HarmonyRenode.Cli;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Cli
{
    /// <summary>Ctrl-C on the real CLI process: QEMU goes with it, and the exit code says it was interrupted.</summary>
    [TestFixture]
    [Parallelizable]
    public class InterruptTests
    {
        [Test]
        public void Ctrl_C_kills_QEMU_and_exits_130()
        {
            var (exitCode, stderr, qemuAlive) = SignalDuringHang("INT");
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Interrupted), stderr);
            Assert.That(stderr, Does.Contain("interrupted; QEMU stopped"));
            Assert.That(qemuAlive, Is.False, "QEMU outlived the CLI\n" + stderr);
        }

        [Test]
        public void SIGTERM_kills_QEMU_and_exits_143()
        {
            var (exitCode, stderr, qemuAlive) = SignalDuringHang("TERM");
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Terminated), stderr);
            Assert.That(qemuAlive, Is.False, "QEMU outlived the CLI\n" + stderr);
        }

        /// <summary>Starts `run hang.elf`, sends the signal once the firmware printed, returns how it ended.</summary>
        private static (int ExitCode, string Stderr, bool QemuAlive) SignalDuringHang(string signal)
        {
            using var cli = new HangingCli();
            using (var kill = Process.Start("kill", new[] { "-" + signal, cli.Process.Id.ToString() }))
            {
                kill.WaitForExit();
            }
            Assert.That(cli.Process.WaitForExit(20_000), Is.True, $"the CLI ends after SIG{signal}");
            cli.Process.WaitForExit();
            return (cli.Process.ExitCode, cli.Stderr, QemuEngineTests.IsRunning(cli.QemuPid));
        }
    }
}
