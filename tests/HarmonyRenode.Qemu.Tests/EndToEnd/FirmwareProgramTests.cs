using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using HarmonyRenode.Tests;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.EndToEnd
{
    /// <summary>
    /// Every firmware program on QEMU with the real model: what it prints, how it exits, and the model at hr_exit.
    /// The runs are independent (own QEMU, own free port, own model), so they run in parallel.
    /// </summary>
    [TestFixture("qemu")]
    [TestFixture("qemu-gdb")]
    [Parallelizable(ParallelScope.All)]
    public class FirmwareProgramTests
    {
        private const string KilledBySigusr2 = "0x10c";
        private readonly string engine;

        public FirmwareProgramTests(string engine)
        {
            this.engine = engine;
        }

        [Test]
        public void Hello_boots_on_the_models_tables()
        {
            var run = ModelRun.Start("hello", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            Assert.That(run.Uart.Any(l => l.StartsWith("hello from LiteOS-A kernel window, SCTLR=0x")), Is.True, run.Transcript);
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Demo_runs_heap_vmalloc_and_two_user_processes()
        {
            var run = ModelRun.Start("demo", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertUartHas(
                "user: touched 8 pages (8 demand faults)",
                "demo: user process exited with 0",
                "user: reading kernel memory at 0x40000000...",
                "data_abort fsr:0x1f, far:0x40000000",
                "Abort caused by a read instruction. Permission fault, page",
                $"demo: second user process ended with status {KilledBySigusr2} (0x100 | SIGUSR2)",
                "demo: done");
            run.AssertLogHas("user space not allowed to access invalid address");
            Assert.That(run.Result.AbortStops, Is.GreaterThanOrEqualTo(8 + 1), "8 demand faults and the refused read reach the host");
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
            Assert.That(run.AtExit.UserSpaces, Is.EqualTo(0), "both processes' spaces were freed");
        }

        [Test]
        public void Test_heap_keeps_every_pattern_between_the_hosts_headers()
        {
            var run = ModelRun.Start("test_heap", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertUartHas(
                "heap: 28 sizes allocated, 1..65536 bytes",
                "heap: used 316 bytes before and 316 after", // the four boot regions and the end sentinel
                "test_heap: PASS");
            Assert.That(run.Uart.Any(l => l.StartsWith("FAIL")), Is.False, run.Transcript);
            run.AssertInvariantsHold();
            // Boot's four kernel-space regions (LosVmMapRegion, 64 bytes + a 12-byte node head each) and the pool's end sentinel.
            Assert.That(run.AtExit.HeapUsed, Is.EqualTo(4 * 76 + 12u), "only what boot allocated stays used");
        }

        [Test]
        public void Test_vmalloc_pages_are_the_same_memory_through_the_kernel_alias()
        {
            var run = ModelRun.Start("test_vmalloc", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertUartHas(
                "vmalloc: 4096 KiB at 0xc0000000",
                "vmalloc: 1024 pages touched and verified, 16 through the kernel alias",
                "test_vmalloc: PASS");
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Test_user_mmap_demand_pages_a_user_process_twice()
        {
            var run = ModelRun.Start("test_user_mmap", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertUartHas(
                "user: 64 demand-paged pages verified",
                "user: brk heap grown to 0xfc04000",
                "user mmap: round 1 exit status 0",
                "user mmap: round 2 exit status 0",
                "test_user_mmap: PASS");
            Assert.That(run.Result.AbortStops, Is.GreaterThanOrEqualTo(2 * 64), "every first touch is a host-serviced fault");
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Test_user_mremap_grows_shrinks_moves_and_refuses_as_the_kernel_does()
        {
            var run = ModelRun.Start("test_user_mremap");
            run.AssertTranscript();
            run.AssertExit(0);
            // The loader's layout (los_load_elf.c, ASLR off): parameters at the stack top, the user SP below them,
            // the first break at USER_HEAP_BASE, the first mmap at USER_MAP_BASE.
            run.AssertUartHas(
                "user: argv[0] at 0x3effffe2",
                "mremap: user stack pointer was 0x3effff40",
                "user: first break 0xfc00000",
                "user: first mmap 0x1f800000",
                "user: shrunk and grown in place at 0x1f800000",
                "user: grown by moving to 0x1f803000",
                "user: moved to the fixed target 0x1f816000",
                "OsArmA32SyscallHandle: syscall 999 not supported: -ENOSYS",
                "test_user_mremap: PASS");
            run.AssertLogHas("[ERR]LOS_DoMremap cannot grow in place and MREMAP_MAYMOVE not given: -22");
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
            Assert.That(run.AtExit.UserSpaces, Is.EqualTo(0), "the process's space was freed");
        }

        [Test]
        public void Test_cow_copies_on_write_after_a_clone()
        {
            var run = ModelRun.Start("test_cow", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertUartHas("user: child wrote its copies", "test_cow: PASS");
            Assert.That(run.Uart.Any(l => l.StartsWith("cow: child wrote 3 pages, parent kept its data, last writer reused page 0x")),
                Is.True, run.Transcript);
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Test_shm_shares_a_segment_across_a_fork_and_frees_it_at_the_last_detach_after_IPC_RMID()
        {
            var run = ModelRun.Start("test_shm", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertUartHas("user: parent attached segment at 0x1f800000", "test_shm: PASS");
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
            Assert.That(run.AtExit.UserSpaces, Is.EqualTo(0), "both processes' spaces were freed");
        }

        [Test]
        public void Test_readonly_user_writes_end_the_process_with_SIGUSR2()
        {
            var run = ModelRun.Start("test_readonly", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertUartHas(
                "Abort caused by a write instruction. Permission fault, page",
                $"readonly: PROT_READ write ended the process with status {KilledBySigusr2}",
                "user: after mprotect the page reads 0x1234",
                $"readonly: write after mprotect(PROT_READ) ended the process with status {KilledBySigusr2}",
                "test_readonly: PASS");
            run.AssertLogHas("write permission check failed");
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Test_user_kaddr_user_access_to_kernel_memory_is_reported_and_the_system_continues()
        {
            var run = ModelRun.Start("test_user_kaddr", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertUartHas(
                "data_abort fsr:0x1f, far:0x40000000",
                $"kaddr: user read of 0x40000000 ended the process with status {KilledBySigusr2}",
                $"kaddr: user jump to kernel code ended the process with status {KilledBySigusr2}",
                "user: still running after the kills",
                "kaddr: the system continued, next process exited with 7",
                "test_user_kaddr: PASS");
            // The syscall with a kernel pointer gets -EFAULT: nothing of the kernel string reaches the console.
            Assert.That(run.Uart.Any(l => l.Contains("kernel")  && l.Contains("FAIL")), Is.False, run.Transcript);
            run.AssertLogHas("user space not allowed to access invalid address");
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Test_mem_pools_private_pools_beside_the_system_pool()
        {
            var run = ModelRun.Start("test_mem_pools", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertUartHas("test_mem_pools: PASS");
            // LOS_MemPoolList and LOS_MemFreeNodeShow print on the host log (the kernel's PRINTK), pool by pool.
            run.AssertLogHas("pool3 :");
            run.AssertLogHas("left free node number");
            run.AssertLogHas("would overwrite the heads of pool");
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Test_vm_lookup_spaces_and_regions_are_found_as_the_kernel_finds_them()
        {
            var run = ModelRun.Start("test_vm_lookup", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertLogHas("LOS_VmSpaceReserve va 0x1000000 size 0x1000 is out of range");
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Test_vm_objects_spaces_and_regions_are_kernel_structures_in_guest_RAM()
        {
            var run = ModelRun.Start("test_vm_objects", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertUartHas("test_vm_objects: PASS");
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Test_driver_maps_the_uart_as_device_memory_and_gets_dma_buffers_as_the_kernel_does()
        {
            var run = ModelRun.Start("test_driver", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            // LOS_DmaVaddrToPaddr of the uncached alias goes through LOS_PaddrQuery, which refuses the address class.
            run.AssertLogHas("[ERR]LOS_PaddrQuery vaddr is beyond range");
            run.AssertLogHas("[ERR]LOS_DmaMemAlloc The dma type = 2 is not supported!");
            run.AssertLogHas("[ERR]LOS_DmaMemFree addr 0xd1000000 not in dma area!!!");
            run.AssertLogHas("[ERR]LOS_VaddrToPaddrMmap vaddr : 0xc6000000 already used!");
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Test_free_errors_bad_frees_get_LOS_NOK_and_the_heap_survives()
        {
            var run = ModelRun.Start("test_free_errors", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertUartHas(
                "free: double free returned 1 (LOS_NOK)",
                "free: foreign pointer free returned 1 (LOS_NOK)",
                "test_free_errors: PASS");
            run.AssertLogHas("OsMemFree check error!");
            run.AssertLogHas("KernelFree 0x");
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Test_tables_the_guest_MMU_walks_the_models_tables()
        {
            var run = ModelRun.Start("test_tables", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertUartHas(
                // a changed mapping is seen after the change: munmap'd page faults, the page next to it still reads
                "user: first page still reads 0x1",
                "Abort caused by a read instruction. Translation fault, page",
                $"tables: read of an unmapped page ended the process with status {KilledBySigusr2}",
                // MAP_FIXED over a written page: the guest sees the fresh zero page, not its cached old one
                "user: after MAP_FIXED the page reads 0x0",
                "test_tables: PASS");
            Assert.That(run.Uart.Any(l => l.StartsWith("tables: vmalloc 0xc0000000 is PA 0x") && l.EndsWith(", same data through both")),
                Is.True, run.Transcript);
            Assert.That(run.Result.TlbMaintenanceRuns, Is.GreaterThan(0), "unmapping live entries resumes through hr_tlb_flush_return");
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Bench_runs_to_the_end()
        {
            var run = ModelRun.Start("bench", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertUartHas("bench: done");
            Assert.That(run.Result.CallsBySymbol["LOS_KernelMalloc"], Is.EqualTo(2000));
            Assert.That(run.Result.AbortStops, Is.EqualTo(1024));
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Probe_tables_hook_is_not_the_models_so_its_body_traps_with_exit_4()
        {
            var run = ModelRun.Start("probe_tables", engine: engine);
            run.AssertTranscript();
            run.AssertExit(QemuEngine.UnhookedExitCode);
            run.AssertUartHas("harmony-renode firmware: hr_probe_map ran in the guest; the host must replace it (firmware/ABI.md)");
            run.AssertInvariantsHold();
        }

        [Test]
        public void Heap_overflow_into_a_host_shadowed_header_makes_LOS_MemIntegrityCheck_panic_as_the_kernel_does()
        {
            var run = ModelRun.Start("heap_overflow", engine: engine);
            run.AssertTranscript();
            run.AssertExit(QemuEngine.KernelPanicExitCode);
            // a = pool + 936 + 12 (first block), b = a + 32 + 12: cur node is b's head, pre node a's.
            var a = 0x40012cd4u - 12;
            var b = 0x40012d00u - 12;
            Assert.That(run.Result.Failure, Does.Contain(
                $"LOS_Panic in the model: Memory integrity check error, cur node: 0x{b:x}, pre node: 0x{a:x}"));
            Assert.That(run.Uart, Has.None.Contains("LOS_MemIntegrityCheck returned"));
        }

        [Test]
        public void Heap_scribble_the_firmware_survives_is_named_by_the_invariants_at_exit()
        {
            var run = ModelRun.Start("heap_scribble", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            Assert.That(run.AtExit.Violations.Select(v => v.Rule), Does.Contain("heap header"));
        }

        [Test]
        public void Exit_status_300_reaches_the_host_whole()
        {
            // QEMU's own exit code keeps 8 bits (44); what the CLI makes of 300 is in FirmwareStatusTests.
            var run = ModelRun.Start("exit_status");
            run.AssertTranscript();
            Assert.That(run.Result.GuestExitStatus, Is.EqualTo(300), "hr_exit's argument, read at the stop");
            run.AssertInvariantsHold();
        }

        [Test]
        public void Hang_is_stopped_at_the_deadline_with_exit_124_and_no_QEMU_left()
        {
            var clock = Stopwatch.StartNew();
            var run = ModelRun.Start("hang", TimeSpan.FromSeconds(2), engine: engine);
            run.AssertTranscript();
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
            run.AssertExit(QemuEngine.TimeoutExitCode);
            run.AssertUartHas("hang: spinning forever");
            Assert.That(run.Result.Failure, Does.Contain("did not exit within 2 s").And.Contain("hr_main"));
            Assert.That(run.AtExit, Is.Null);
            run.AssertQemuGone();
        }

        [Test]
        public void Test_real_bodies_entries_are_redirected_to_the_model_arm_and_thumb()
        {
            var run = ModelRun.Start("test_real_bodies", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            Assert.That(run.Result.CallsBySymbol["LOS_MemAlloc"], Is.EqualTo(2), "both Thumb-entry calls reached the model");
            Assert.That(run.Result.CallsBySymbol["LOS_KernelMalloc"], Is.EqualTo(1));
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Test_code_reuse_a_page_that_held_code_runs_the_new_code()
        {
            var run = ModelRun.Start("test_code_reuse", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertInvariantsHold();
            run.AssertNoLeakedPages();
        }

        [Test]
        public void Idle_computes_between_two_calls_and_exits()
        {
            var run = ModelRun.Start("idle", engine: engine);
            run.AssertTranscript();
            run.AssertExit(0);
            run.AssertNoLeakedPages();
        }

        /// <summary>Covered above by name; a new program in firmware/programs must get a test here.</summary>
        private static readonly string[] Covered =
        {
            "hello", "demo", "test_heap", "test_vmalloc", "test_user_mmap", "test_cow", "test_readonly", "test_user_kaddr",
            "test_free_errors", "test_tables", "bench", "probe_tables", "hang", "heap_overflow", "test_real_bodies",
            "test_code_reuse", "idle", "exit_status", "test_user_mremap", "test_mem_pools", "test_vm_lookup", "test_vm_objects", "heap_scribble",
            "test_driver",
            "test_shm",
            "cosim" /* CoSimulationTests */,
            // the memory-safety oracle's buggy programs: OracleProgramTests
            "oracle_double_free", "oracle_invalid_free", "oracle_overflow", "oracle_heap_uaf", "oracle_vmalloc_uaf", "oracle_leak",
            "oracle_page_uaf", "oracle_sampled_overflow", "oracle_single_page_uaf", "oracle_dma_uaf",
        };

        [Test]
        public void Every_firmware_program_has_an_end_to_end_test()
        {
            var files = Directory.GetFiles(Path.Combine(RepoPaths.Firmware, "programs"), "*.c")
                .Select(Path.GetFileNameWithoutExtension).ToList();
            // A NAME_user.c is the user half of NAME; one without its kernel half is a program of its own (the
            // Makefile refuses it), so it needs a test as much as any other.
            var programs = files.Where(name => !name.EndsWith("_user", StringComparison.Ordinal)
                || !files.Contains(name.Substring(0, name.Length - "_user".Length)));
            var untested = programs.Except(Covered).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var stale = Covered.Except(programs).OrderBy(n => n, StringComparer.Ordinal).ToList();
            // Named in full: a collection constraint's message cuts long lists short.
            Assert.That(untested, Is.Empty, "programs without an end-to-end test: " + string.Join(", ", untested));
            Assert.That(stale, Is.Empty, "tests of programs that no longer exist: " + string.Join(", ", stale));
        }
    }
}
