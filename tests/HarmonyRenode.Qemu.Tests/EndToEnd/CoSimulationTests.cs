using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using HarmonyRenode.Tests;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.EndToEnd
{
    /// <summary>
    /// Two emulators, one test: the LiteOS-A board (cosim.c, the model in the host) and the checksum device
    /// (firmware/device, a Cortex-M3 on QEMU's mps2-an385) joined by the engine's serial link. Both are held to their
    /// transcripts, and the model must end where boot left it.
    /// </summary>
    [TestFixture]
    [Parallelizable(ParallelScope.All)]
    public class CoSimulationTests
    {
        [Test]
        public void The_board_and_the_device_exchange_checksums_of_model_allocated_buffers()
        {
            var device = FirmwareBuild.Elf("device/checksum");
            var run = ModelRun.Start("cosim", configure: o => o.LinkedDevice = device);
            run.AssertTranscript();
            run.AssertExit(0);
            var deviceTranscript = File.ReadAllLines(Path.Combine(RepoPaths.Firmware, "transcripts", "cosim_device.txt"));
            Assert.That(run.Result.DeviceUartLines, Is.EqualTo(deviceTranscript), "the device's UART, line for line\n" + run.Transcript);
            Assert.That(run.Uart.Any(l => l.StartsWith("FAIL")), Is.False, run.Transcript);
            // The buffers came from the model: two LOS_KernelMalloc (heap and pages) and a user process's mmap.
            Assert.That(run.Result.CallsBySymbol["LOS_KernelMalloc"], Is.EqualTo(2));
            Assert.That(run.Result.CallsBySymbol["LOS_KernelFree"], Is.EqualTo(2));
            Assert.That(run.Result.AbortStops, Is.GreaterThanOrEqualTo(1), "the user's mmap page is demand-paged");
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
            // Boot's four kernel-space regions (LosVmMapRegion, 64 bytes + a 12-byte node head each) and the pool's end sentinel.
            Assert.That(run.AtExit.HeapUsed, Is.EqualTo(4 * 76 + 12u), "only what boot allocated stays used");
            Assert.That(run.AtExit.UserSpaces, Is.EqualTo(0), "the user process's space was freed");
            Assert.That(run.Result.DeviceProcessId, Is.Not.EqualTo(0));
            Assert.That(IsRunning(run.Result.DeviceProcessId), Is.False, "the device's QEMU ended with the run");
        }

        [Test]
        public void Without_the_link_the_board_waits_for_an_answer_that_never_comes()
        {
            var run = ModelRun.Start("cosim", timeout: TimeSpan.FromSeconds(5));
            run.AssertExit(QemuEngine.TimeoutExitCode);
            Assert.That(run.Result.Failure, Does.Contain("hr_getline"), run.Transcript);
            Assert.That(run.Uart, Is.EqualTo(new[] { ">dev PING" }), "the console's input stays closed without a link");
            Assert.That(run.Result.DeviceUartLines, Is.Empty);
        }

        private static bool IsRunning(int pid)
        {
            try
            {
                using var p = Process.GetProcessById(pid);
                return !p.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}
