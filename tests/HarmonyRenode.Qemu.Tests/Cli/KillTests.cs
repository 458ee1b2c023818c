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
            using var cli = new HangingCli();
            using var qemu = Process.GetProcessById(cli.QemuPid);

            cli.Process.Kill(entireProcessTree: false); // SIGKILL, the CLI alone: it can clean up nothing
            Assert.That(cli.Process.WaitForExit(20_000), Is.True, "the CLI ends on SIGKILL");

            Assert.That(qemu.WaitForExit(20_000), Is.True, $"QEMU (pid {cli.QemuPid}) outlived the killed CLI");
            var prefix = $"harmony-renode-{cli.Process.Id}-";
            var left = Directory.GetFiles(Path.GetTempPath(), prefix + "*")
                .Concat(Directory.Exists("/dev/shm") ? Directory.GetFiles("/dev/shm", prefix + "*") : Array.Empty<string>());
            Assert.That(left, Is.Empty, "files of the killed run");
        }
    }
}
