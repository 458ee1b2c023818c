using System;
using System.Diagnostics;
using System.Linq;
using HarmonyRenode.Core.Guest;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests
{
    /// <summary>The engine against real QEMU with a stand-in host (no model): start-up, console, exit, hooks, bounds.</summary>
    [TestFixture]
    public class QemuEngineTests
    {
        internal static GuestRunResult Run(string program, IGuestSession session, TimeSpan? timeout = null)
        {
            var options = new QemuOptions { RunTimeout = timeout ?? TimeSpan.FromSeconds(60) };
            var engine = new QemuEngine(options, new ListLog(), line => TestContext.Progress.WriteLine("uart: " + line));
            return engine.Run(FirmwareBuild.Elf(program), session);
        }

        /// <summary>Whether the process is alive; an exited child that nobody reaped yet counts as gone.</summary>
        internal static bool IsRunning(int pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private static string Uart(GuestRunResult r) => string.Join("\n", r.UartLines);

        [Test]
        public void Hello_turns_the_MMU_on_from_the_config_block_and_exits_zero()
        {
            var result = Run("hello", new IdentityMappedSession());
            Assert.That(result.Failure, Is.Null);
            Assert.That(result.ExitCode, Is.EqualTo(0));
            Assert.That(result.UartLines.Any(l => l.StartsWith("hello from LiteOS-A kernel window, SCTLR=0x")), Is.True, Uart(result));
        }

        [Test]
        public void Guest_sees_each_section_change_and_faults_after_the_unmap()
        {
            var session = new IdentityMappedSession();
            uint? abortFar = null;
            uint abortFsr = 0;
            uint image = 0;
            session.Hooks.Add("hr_probe_map", call =>
            {
                image = session.Memory.ReadUInt32(0x40000000); // the engine's memory lives only during the run
                var pa = call.Arg(1);
                session.SetSection(call.Arg(0), pa == 0xFFFFFFFF ? 0 : pa | IdentityMappedSession.SectionKernelRwx);
                return 0u;
            });
            session.Hooks.Add(GuestAbi.DataAbortHost, call =>
            {
                abortFsr = call.Arg(0);
                abortFar = call.Arg(1);
                return unchecked((uint)-2); // LOS_ERRNO_VM_NOT_FOUND: the guest panics
            });

            var result = Run("probe_tables", session);

            Assert.That(result.UartLines, Does.Contain($"probe: 0x60000000 -> 0x40000000 reads 0x{image:x8} (image word 0x{image:x8})"), Uart(result));
            Assert.That(result.UartLines, Does.Contain("probe: 0x60000000 -> 0x40100000 reads 0x600df00d"), Uart(result));
            Assert.That(abortFar, Is.EqualTo(0x60000000u), "the read after the unmap must fault at the probe address");
            Assert.That(abortFsr & 0x40F, Is.EqualTo(0x005u), "translation fault, section");
            Assert.That(result.UartLines.Any(l => l.Contains("no fault!")), Is.False, Uart(result));
            Assert.That(result.TlbMaintenanceRuns, Is.GreaterThanOrEqualTo(2), "changed and removed entries resume through hr_tlb_flush_return");
            Assert.That(result.ExitCode, Is.EqualTo(5), "unhandled kernel abort → kernel panic exit");
        }

        [Test]
        public void A_LOS_function_the_host_did_not_replace_stops_the_run_loudly()
        {
            var result = Run("test_free_errors", new IdentityMappedSession());
            Assert.That(result.ExitCode, Is.EqualTo(4), Uart(result));
            Assert.That(result.UartLines.Any(l => l.Contains("LOS_MemAlloc ran in the guest; the host must replace it")), Is.True, Uart(result));
        }

        [Test]
        public void A_firmware_that_never_exits_is_stopped_at_the_deadline_and_QEMU_is_gone()
        {
            var clock = Stopwatch.StartNew();
            var result = Run("hang", new IdentityMappedSession(), TimeSpan.FromSeconds(3));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
            Assert.That(result.ExitCode, Is.EqualTo(QemuEngine.TimeoutExitCode));
            Assert.That(result.Failure, Does.Contain("did not exit within 3 s").And.Contain("hr_main"));
            // Only the QEMU this run started: other tests run their own QEMUs in parallel.
            Assert.That(result.QemuProcessId, Is.Not.Zero);
            Assert.That(IsRunning(result.QemuProcessId), Is.False, "QEMU is gone");
        }

        [Test]
        public void Cancelling_the_run_kills_QEMU_at_once()
        {
            using var cancel = new System.Threading.CancellationTokenSource();
            var engine = new QemuEngine(new QemuOptions { RunTimeout = TimeSpan.FromSeconds(60) }, new ListLog(), line =>
            {
                if (line == "hang: spinning forever")
                {
                    cancel.Cancel();
                }
            });
            var clock = Stopwatch.StartNew();
            var result = engine.Run(FirmwareBuild.Elf("hang"), new IdentityMappedSession(), cancel: cancel.Token);
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "well before the 60 s deadline");
            Assert.That(result.ExitCode, Is.EqualTo(QemuEngine.HostFailureExitCode));
            Assert.That(IsRunning(result.QemuProcessId), Is.False, "QEMU is gone");
        }

        [Test]
        public void A_host_handler_that_throws_ends_the_run_with_a_clear_message()
        {
            var session = new IdentityMappedSession();
            session.Hooks.Add("hr_probe_map", (Func<HookCall, uint>)(call => throw new ArgumentException("bad pointer 0x1234")));
            var result = Run("probe_tables", session);
            Assert.That(result.ExitCode, Is.EqualTo(QemuEngine.HostFailureExitCode));
            Assert.That(result.Failure, Does.Contain("host handler for hr_probe_map failed").And.Contain("bad pointer 0x1234"));
        }

        [Test]
        public void A_firmware_without_an_ABI_symbol_ends_with_exit_3_naming_it()
        {
            var session = new IdentityMappedSession { ExtraSymbol = "hr_symbol_no_firmware_has" };
            var result = Run("hello", session);
            Assert.That(result.ExitCode, Is.EqualTo(QemuEngine.MissingConfigurationExitCode));
            Assert.That(result.Failure, Does.Contain("firmware has no symbol 'hr_symbol_no_firmware_has'"));
        }

        [Test]
        public void LOS_Panic_in_the_host_ends_the_run_with_exit_5_and_the_kernels_message()
        {
            var session = new IdentityMappedSession();
            session.Hooks.Add("hr_probe_map", (Func<HookCall, uint>)(call => throw new Core.KernelPanicException("OsMapL1PTE, failed to allocate pagetable")));
            var result = Run("probe_tables", session);
            Assert.That(result.ExitCode, Is.EqualTo(QemuEngine.KernelPanicExitCode));
            Assert.That(result.Failure, Is.EqualTo("LOS_Panic in the model: OsMapL1PTE, failed to allocate pagetable"));
        }

        [Test]
        public void The_exit_callback_runs_in_hr_exit_with_guest_memory_still_readable()
        {
            var session = new IdentityMappedSession();
            uint magic = 0;
            int? status = null;
            var options = new QemuOptions { RunTimeout = TimeSpan.FromSeconds(60) };
            var engine = new QemuEngine(options, new ListLog(), _ => { });
            var result = engine.Run(FirmwareBuild.Elf("hello"), session, s =>
            {
                status = s;
                magic = session.Memory.ReadUInt32(session.Symbols.AddressOf(GuestAbi.ConfigBlock));
            });
            Assert.That(result.ExitCode, Is.EqualTo(0));
            Assert.That(status, Is.EqualTo(0));
            Assert.That(result.GuestExitStatus, Is.EqualTo(0));
            Assert.That(magic, Is.EqualTo(HrConfigBlock.Magic));
        }

        [Test]
        public void An_exit_callback_that_throws_is_a_host_failure()
        {
            var options = new QemuOptions { RunTimeout = TimeSpan.FromSeconds(60) };
            var engine = new QemuEngine(options, new ListLog(), _ => { });
            var result = engine.Run(FirmwareBuild.Elf("hello"), new IdentityMappedSession(), _ => throw new InvalidOperationException("check broke"));
            Assert.That(result.ExitCode, Is.EqualTo(QemuEngine.HostFailureExitCode));
            Assert.That(result.Failure, Is.EqualTo("exit check failed: check broke"));
        }

        [Test]
        public void A_missing_QEMU_binary_is_reported()
        {
            var options = new QemuOptions { QemuBinary = "qemu-system-arm-does-not-exist" };
            var engine = new QemuEngine(options, new ListLog(), _ => { });
            var ex = Assert.Throws<QemuException>(() => engine.Run(FirmwareBuild.Elf("hello"), new IdentityMappedSession()));
            Assert.That(ex.Message, Does.Contain("cannot start qemu-system-arm-does-not-exist"));
        }
    }
}
