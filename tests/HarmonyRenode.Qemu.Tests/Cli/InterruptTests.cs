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
            var cli = typeof(Program).Assembly.Location;
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { cli, "run", FirmwareBuild.Elf("hang"), "--log-level", "debug", "--timeout", "120" })
            {
                start.ArgumentList.Add(arg);
            }
            using var spinning = new ManualResetEventSlim();
            // Set on the stderr reader's thread, read on this one.
            var qemuPid = new System.Threading.Tasks.TaskCompletionSource<int>(System.Threading.Tasks.TaskCreationOptions.RunContinuationsAsynchronously);
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data == "hang: spinning forever")
                {
                    spinning.Set();
                }
            };
            var stderr = new System.Text.StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data == null)
                {
                    return;
                }
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
                var m = Regex.Match(e.Data, @"QEMU pid (\d+):");
                if (m.Success)
                {
                    qemuPid.TrySetResult(int.Parse(m.Groups[1].Value));
                }
            };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                Assert.That(spinning.Wait(TimeSpan.FromSeconds(60)), Is.True, "the firmware's first line on stdout\n" + Text(stderr));
                Assert.That(qemuPid.Task.Wait(TimeSpan.FromSeconds(60)), Is.True, "the debug log names QEMU's pid\n" + Text(stderr));

                using (var kill = Process.Start("kill", new[] { "-" + signal, process.Id.ToString() }))
                {
                    kill.WaitForExit();
                }
                Assert.That(process.WaitForExit(20_000), Is.True, $"the CLI ends after SIG{signal}");
                process.WaitForExit();
                return (process.ExitCode, Text(stderr), QemuEngineTests.IsRunning(qemuPid.Task.Result));
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }

        private static string Text(System.Text.StringBuilder stderr)
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }
}
