using System;
using System.IO;
using System.Linq;
using HarmonyRenode.Cli;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Cli
{
    /// <summary>`harmony-renode run` on real firmware: streams, exit codes, diagnostics, invariant checks.</summary>
    [TestFixture]
    [Parallelizable(ParallelScope.All)]
    public class RunCommandTests
    {
        [Test]
        public void Demo_with_diagnostics_prints_the_UART_then_vmm_pmm_and_free_and_exits_0()
        {
            var run = CliRun.Firmware("demo", "--diagnostics");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            Assert.That(lines, Does.Contain("demo: done"));
            Assert.That(lines.IndexOf("--- vmm ---"), Is.GreaterThan(lines.IndexOf("demo: done")));
            Assert.That(lines.IndexOf("--- pmm ---"), Is.GreaterThan(lines.IndexOf("--- vmm ---")));
            Assert.That(lines.IndexOf("--- free ---"), Is.GreaterThan(lines.IndexOf("--- pmm ---")));
            Assert.That(run.Stdout, Does.Contain("KProcess").And.Contain("pmm pages: total = "));
            // The refused user read is the demo's own, announced on the UART: no host error line for it.
            Assert.That(lines, Does.Contain("demo: expected: the next process reads kernel memory at 0x40000000 from user mode; " +
                "LiteOS-A refuses it and kills the process"));
            Assert.That(run.Stderr, Is.Empty);
            Assert.That(run.Stdout, Does.Not.Contain("harmony-renode:"));
            Assert.That(lines, Does.Not.Contain("--- shm ---"), "the demo never calls ShmInit");
        }

        [Test]
        public void Diagnostics_add_the_shm_table_when_the_firmware_initialised_shared_memory()
        {
            var run = CliRun.Firmware("test_shm", "--diagnostics");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            Assert.That(lines.IndexOf("--- shm ---"), Is.GreaterThan(lines.IndexOf("--- free ---")));
            Assert.That(lines, Does.Contain("------- Shared Memory Segments -------"));
            Assert.That(lines.Last(l => l.Length > 0), Does.StartWith("key      shmid    perms"), "the test's segment was freed before exit");
        }

        [Test]
        public void The_demos_deliberate_fault_is_logged_at_info_level_as_expected()
        {
            var run = CliRun.Firmware("demo", "--log-level", "info");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            // The model's LiteOS-A lines go to stderr with the prefix, never into the UART stream.
            Assert.That(run.Stderr, Does.Contain("harmony-renode: [info] expected fault: user space not allowed to access invalid address\n" +
                "harmony-renode: [info] expected fault: data_abort fsr:0x1f, far:0x40000000\n"));
            Assert.That(run.Stderr, Does.Not.Contain("[error]"));
        }

        [Test]
        public void A_user_fault_the_firmware_did_not_announce_stays_an_error()
        {
            var run = CliRun.Firmware("test_user_kaddr");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            Assert.That(run.Stderr, Does.Contain("harmony-renode: [error] user space not allowed to access invalid address"));
            Assert.That(run.Stderr, Does.Not.Contain("expected fault"));
        }

        [Test]
        public void Log_level_info_adds_the_boot_and_invariant_lines_that_warning_hides()
        {
            var quiet = CliRun.Firmware("hello", "--check-invariants");
            var chatty = CliRun.Firmware("hello", "--check-invariants", "--log-level", "info");
            Assert.That(quiet.ExitCode, Is.EqualTo(0), quiet.ToString());
            Assert.That(quiet.Stderr, Is.Empty);
            Assert.That(chatty.ExitCode, Is.EqualTo(0), chatty.ToString());
            Assert.That(chatty.Stderr, Does.Contain("harmony-renode: [info] model booted:").And.Contain("harmony-renode: [info] invariants hold at exit"));
        }

        [Test]
        public void Firmware_exit_status_is_the_exit_code()
        {
            var run = CliRun.Firmware("probe_tables");
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Unhooked), run.ToString());
            Assert.That(run.Stdout, Does.Contain("hr_probe_map ran in the guest"));
        }

        [Test]
        public void A_heap_overrun_the_firmware_survives_fails_check_invariants_with_6()
        {
            var run = CliRun.Firmware("heap_scribble", "--check-invariants");
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvariantViolations), run.ToString());
            Assert.That(run.Stdout, Does.Contain("scribble: wrote over the header after a 32-byte block"));
            Assert.That(run.Stderr, Does.Contain("harmony-renode: [error] invariant violated: heap header: broken node 0x"));
            // Without the check the oracle's heap-overflow finding decides (7); without the oracle the firmware's 0 stands.
            Assert.That(CliRun.Firmware("heap_scribble").ExitCode, Is.EqualTo(ExitCodes.Findings));
            Assert.That(CliRun.Firmware("heap_scribble", "--no-oracle").ExitCode, Is.EqualTo(0));
        }

        [Test]
        public void LOS_MemIntegrityCheck_on_a_corrupted_pool_is_a_kernel_panic_with_5()
        {
            var run = CliRun.Firmware("heap_overflow");
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.KernelPanic), run.ToString());
            Assert.That(run.Stderr, Does.Contain("Memory integrity check error, cur node: 0x"));
        }

        [Test]
        public void A_hanging_firmware_ends_at_the_timeout_with_124()
        {
            var run = CliRun.Firmware("hang", "--timeout", "1", "--diagnostics");
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Deadline), run.ToString());
            Assert.That(run.Stderr, Does.Contain("did not exit within 1 s"));
            Assert.That(run.Stderr, Does.Contain("no diagnostics: the firmware did not reach hr_exit"));
        }

        [Test]
        public void A_missing_firmware_file_is_a_usage_error()
        {
            var run = CliRun.Run("run", "no-such-firmware.elf");
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(run.Stderr, Does.Contain("no firmware file 'no-such-firmware.elf'"));
        }

        [Test]
        public void A_file_that_is_not_an_ARM_ELF_is_a_usage_error()
        {
            var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "not-an-elf.bin");
            File.WriteAllText(path, "hello");
            var run = CliRun.Run("run", path);
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(run.Stderr, Does.Contain("not an ELF file"));
        }

        [Test]
        public void Managed_size_reaches_the_model()
        {
            var run = CliRun.Firmware("hello", "--managed-size", "16", "--log-level", "info");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            Assert.That(run.Stderr, Does.Contain("managed 16 MiB"));
        }

        [Test]
        public void Aslr_seed_moves_the_first_mmap_and_repeats_with_the_same_seed()
        {
            var first = CliRun.Firmware("test_user_mmap", "--aslr-seed", "11");
            var again = CliRun.Firmware("test_user_mmap", "--aslr-seed", "11");
            Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
            Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
            var regions = MmapRegions(first.Stdout);
            Assert.That(regions, Has.Length.EqualTo(2), first.ToString());
            Assert.That(MmapRegions(again.Stdout), Is.EqualTo(regions), "same seed, same layout");
            foreach (var region in regions)
            {
                // OsExecProcessVmSpaceReplace: mapBase = USER_MAP_BASE + a page-aligned offset below RANDOM_MASK + 1.
                Assert.That(region, Is.GreaterThan(0x1F800000u).And.LessThan(0x1F800000u + 0x08000000u));
                Assert.That(region & 0xFFF, Is.EqualTo(0u));
            }
            Assert.That(regions[1], Is.Not.EqualTo(regions[0]), "each exec draws new offsets");
        }

        private static uint[] MmapRegions(string stdout) => stdout.Split('\n')
            .Where(l => l.StartsWith("user: mmap region at 0x", StringComparison.Ordinal))
            .Select(l => Convert.ToUInt32(l.Substring("user: mmap region at ".Length).Trim(), 16))
            .ToArray();

        [Test]
        public void Model_demo_runs_the_workload_without_an_emulator()
        {
            var run = CliRun.Run("model-demo");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            // The space is its LosVmSpace in the system pool (0x40100000, 936-byte head, 12-byte node heads): after
            // LOS_MemAlloc(100) (node 0x70 at 0x401003A8), LOS_KernelMalloc(64) (0x4C) and the vmalloc region (0x4C),
            // all in the 16 KiB block OsSwitchTmpTTB freed at boot: 0x401003A8 + 0x70 + 0x4C + 0x4C + 12.
            Assert.That(run.Stdout, Does.Contain("model-demo: user space 0x401004bc: mmap(32 KiB) = 0x1f800000, 4 demand faults serviced"));
            Assert.That(run.Stdout, Does.Match("child write fault = 0: page 0x[0-9a-f]{8} copied to 0x[0-9a-f]{8}, copy reads 0x600df00d"));
            Assert.That(run.Stdout, Does.Contain("LOS_KernelMalloc(64 KiB) = 0x"));
            Assert.That(run.Stdout, Does.Contain("LOS_VMalloc(32 KiB) = 0xc0000000"));
            Assert.That(run.Stdout, Does.Contain("--- vmm ---").And.Contain("--- pmm ---").And.Contain("--- free ---"));
            Assert.That(run.Stdout, Does.Contain("model-demo: invariants: 0 violations"));
        }
    }
}
