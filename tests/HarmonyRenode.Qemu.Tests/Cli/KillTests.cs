using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using HarmonyRenode.Cli;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Cli
{
    /// <summary>SIGKILL of the real CLI process: nothing of the run survives it, neither QEMU nor a file.</summary>
    [TestFixture]
    [Parallelizable]
    public class KillTests
    {
        [Test]
        public void SIGKILL_of_the_CLI_takes_QEMU_along_and_leaves_no_file()
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
            using var namedQemu = new ManualResetEventSlim();
            var qemuPid = 0;
            var stderr = new System.Text.StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data == "hang: spinning forever")
                {
                    spinning.Set();
                }
            };
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
                    Interlocked.Exchange(ref qemuPid, int.Parse(m.Groups[1].Value));
                    namedQemu.Set();
                }
            };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                Assert.That(spinning.Wait(TimeSpan.FromSeconds(60)), Is.True, "the firmware's first line on stdout\n" + Text(stderr));
                Assert.That(namedQemu.Wait(TimeSpan.FromSeconds(5)), Is.True, "the debug log names QEMU's pid\n" + Text(stderr));
                var pid = Volatile.Read(ref qemuPid);
                using var qemu = Process.GetProcessById(pid);

                process.Kill(entireProcessTree: false); // SIGKILL, the CLI alone: it can clean up nothing
                Assert.That(process.WaitForExit(20_000), Is.True, "the CLI ends on SIGKILL");

                Assert.That(qemu.WaitForExit(20_000), Is.True, $"QEMU (pid {pid}) outlived the killed CLI");
                var prefix = $"harmony-renode-{process.Id}-";
                var left = Directory.GetFiles(Path.GetTempPath(), prefix + "*")
                    .Concat(Directory.Exists("/dev/shm") ? Directory.GetFiles("/dev/shm", prefix + "*") : Array.Empty<string>());
                Assert.That(left, Is.Empty, "files of the killed run");
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }

        private static string Text(System.Text.StringBuilder builder)
        {
            lock (builder)
            {
                return builder.ToString();
            }
        }
    }
}
