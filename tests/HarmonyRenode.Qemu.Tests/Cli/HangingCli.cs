using System;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using HarmonyRenode.Cli;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Cli
{
    /// <summary>
    /// The real CLI process running `run hang.elf --log-level debug`, for tests that signal or kill it: started, then
    /// waited for until the firmware printed its line and the debug log named QEMU's pid.
    /// </summary>
    public sealed class HangingCli : IDisposable
    {
        private readonly StringBuilder stderr = new StringBuilder();
        private readonly ManualResetEventSlim spinning = new ManualResetEventSlim();
        // Set on the stderr reader's thread, read on the test's.
        private readonly TaskCompletionSource<int> qemuPid = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        public HangingCli()
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { typeof(Program).Assembly.Location, "run", FirmwareBuild.Elf("hang"), "--log-level", "debug", "--timeout", "120" })
            {
                start.ArgumentList.Add(arg);
            }
            Process = new Process { StartInfo = start };
            Process.OutputDataReceived += (_, e) =>
            {
                if (e.Data == "hang: spinning forever")
                {
                    spinning.Set();
                }
            };
            Process.ErrorDataReceived += (_, e) =>
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
            Process.Start();
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
            Assert.That(spinning.Wait(TimeSpan.FromSeconds(60)), Is.True, "the firmware's first line on stdout\n" + Stderr);
            Assert.That(qemuPid.Task.Wait(TimeSpan.FromSeconds(60)), Is.True, "the debug log names QEMU's pid\n" + Stderr);
        }

        public Process Process { get; }

        public int QemuPid => qemuPid.Task.Result;

        public string Stderr
        {
            get
            {
                lock (stderr)
                {
                    return stderr.ToString();
                }
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }
            Process.Dispose();
            spinning.Dispose();
        }
    }
}
