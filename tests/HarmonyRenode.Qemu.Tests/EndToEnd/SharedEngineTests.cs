using System;
using System.Linq;
using HarmonyRenode.Qemu.Rsp;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.EndToEnd
{
    /// <summary>What only the shared-memory engine (the default, `--engine qemu`) promises: an idle host, a free GDB stub.</summary>
    [TestFixture]
    [Parallelizable(ParallelScope.All)]
    public class SharedEngineTests
    {
        [Test]
        public void While_the_guest_computes_the_hosts_waiting_thread_sleeps()
        {
            var run = ModelRun.Start("idle");
            run.AssertExit(0);
            // The guest computes 2 s of its own timer between LOS_KernelMalloc and LOS_KernelFree: the longest stretch
            // without a call. The waiter spins 0.2 ms after a call, then blocks on the doorbell.
            Assert.That(run.Result.LongestIdle, Is.GreaterThan(TimeSpan.FromSeconds(1)), run.Transcript);
            Assert.That(run.Result.LongestIdleCpu.TotalSeconds, Is.LessThan(0.1 * run.Result.LongestIdle.TotalSeconds),
                $"waiting thread CPU {run.Result.LongestIdleCpu} over {run.Result.LongestIdle}");
            Assert.That(run.Result.Doorbells, Is.GreaterThanOrEqualTo(1), "the guest rang to wake the sleeping host");
        }

        [Test]
        public void Bench_calls_are_served_without_a_doorbell_while_the_host_spins()
        {
            var run = ModelRun.Start("bench");
            run.AssertExit(0);
            // 4,000 calls back to back: the host is awake for nearly all of them.
            Assert.That(run.Result.Doorbells, Is.LessThan(run.Result.HookStops / 2), run.Transcript);
        }

        [Test]
        public void A_user_debugger_can_attach_to_QEMUs_gdb_stub_while_the_model_serves_the_firmware()
        {
            var port = QemuProcess.FreeLoopbackPort();
            uint pc = 0;
            string where = null;
            Exception failure = null;
            var run = ModelRun.Start("hang", TimeSpan.FromSeconds(4), configure: options => options.GdbPort = port,
                onUart: line =>
                {
                    if (!line.Contains("hang: spinning forever"))
                    {
                        return;
                    }
                    try
                    {
                        // What gdb-multiarch does first: ask why the target stopped (QEMU pauses the VM for a
                        // debugger), read the registers, detach (the guest goes on).
                        using var connection = RspConnection.Connect(port, DateTime.UtcNow + TimeSpan.FromSeconds(5), () => null);
                        var gdb = new GdbRemote(connection, TimeSpan.FromSeconds(5));
                        var stop = gdb.Request("?");
                        Assert.That(stop, Does.StartWith("T").Or.StartWith("S"), "stop reply");
                        // QEMU also announces the stop on its own: stop replies are skipped until the registers come.
                        connection.Send("g");
                        var registers = connection.ReadReply(DateTime.UtcNow + TimeSpan.FromSeconds(5));
                        while (registers.StartsWith("T") || registers.StartsWith("S"))
                        {
                            registers = connection.ReadReply(DateTime.UtcNow + TimeSpan.FromSeconds(5));
                        }
                        pc = RspFraming.WordFromHex(registers, 15 * 8);
                        where = QemuEngine.Describe(Core.Guest.ElfSymbols.Load(FirmwareBuild.Elf("hang")), pc);
                        gdb.Request("D");
                    }
                    catch (Exception ex)
                    {
                        failure = ex;
                    }
                });
            Assert.That(failure, Is.Null, failure?.ToString());
            run.AssertExit(QemuEngine.TimeoutExitCode);
            Assert.That(where, Does.StartWith("hr_main+"), $"PC 0x{pc:X8}\n{run.Transcript}");
        }
    }
}
