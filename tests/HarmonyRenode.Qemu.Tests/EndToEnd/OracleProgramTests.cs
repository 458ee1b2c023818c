using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using HarmonyRenode.Tests;
using HarmonyRenode.Cli;
using HarmonyRenode.Qemu.Tests.Cli;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.EndToEnd
{
    /// <summary>
    /// The memory-safety oracle end to end: each buggy program of firmware/programs/oracle_*.c run by the CLI on QEMU,
    /// its --findings file checked against the program's source (kind, the function at the PC, the functions that
    /// allocated and freed the block, the source line of the call), its exit code, its report and its transcript.
    /// </summary>
    [TestFixture]
    [Parallelizable(ParallelScope.All)]
    public class OracleProgramTests
    {
        [Test]
        public void Double_free_is_reported_with_the_allocation_and_the_first_free()
        {
            var run = Oracle("oracle_double_free");
            Assert.That(run.Cli.ExitCode, Is.EqualTo(ExitCodes.Findings), run.ToString());
            var f = run.Single("double-free");
            run.AssertSite(f.GetProperty("pcSite"), "cleanup_twice", "LOS_MemFree");
            run.AssertSite(f.GetProperty("allocSite"), "make_message", "LOS_MemAlloc");
            run.AssertSite(f.GetProperty("freeSite"), "release_message", "LOS_MemFree");
            Assert.That(f.GetProperty("size").GetUInt32(), Is.EqualTo(48));
            Assert.That(run.Cli.Stderr, Does.Contain("==harmony-renode== ERROR: double-free on address 0x"));
            Assert.That(run.Cli.Stderr, Does.Contain("in cleanup_twice+0x"));
            Assert.That(run.Cli.Stderr, Does.Contain("SUMMARY: 1 finding(s): 1 double-free"));
        }

        [Test]
        public void Interior_pointer_and_wrong_API_frees_are_invalid_frees_of_the_blocks_they_point_into()
        {
            var run = Oracle("oracle_invalid_free");
            Assert.That(run.Cli.ExitCode, Is.EqualTo(ExitCodes.Findings), run.ToString());
            var interior = run.Single("invalid-free");
            run.AssertSite(interior.GetProperty("pcSite"), "free_payload", "LOS_MemFree");
            run.AssertSite(interior.GetProperty("allocSite"), "parse_packet", "LOS_MemAlloc");
            Assert.That(interior.GetProperty("detail").GetString(), Does.Contain("interior pointer: 16 bytes into a 64-byte live heap block"));
            var wrongApi = run.Single("wrong-api-free");
            run.AssertSite(wrongApi.GetProperty("pcSite"), "drop_with_vfree", "LOS_VFree");
            run.AssertSite(wrongApi.GetProperty("allocSite"), "parse_packet", "LOS_MemAlloc");
        }

        [Test]
        public void Overflow_into_the_next_header_is_reported_on_the_block_that_overflowed()
        {
            var run = Oracle("oracle_overflow");
            // LOS_MemIntegrityCheck panics as the kernel's does; the finding was recorded before the halt.
            Assert.That(run.Cli.ExitCode, Is.EqualTo(ExitCodes.KernelPanic), run.ToString());
            var f = run.Single("heap-overflow");
            run.AssertSite(f.GetProperty("pcSite"), "check_heap", "LOS_MemIntegrityCheck");
            run.AssertSite(f.GetProperty("allocSite"), "new_record", "LOS_MemAlloc");
            Assert.That(f.GetProperty("size").GetUInt32(), Is.EqualTo(32));
            Assert.That(f.GetProperty("freeSite").ValueKind, Is.EqualTo(JsonValueKind.Null), "the block is still live");
        }

        [Test]
        public void Heap_use_after_free_is_found_in_the_quarantine_under_sanitize_only()
        {
            var run = Oracle("oracle_heap_uaf", "--sanitize");
            Assert.That(run.Cli.ExitCode, Is.EqualTo(ExitCodes.Findings), run.ToString());
            var f = run.Single("use-after-free");
            run.AssertSite(f.GetProperty("allocSite"), "new_session", "LOS_MemAlloc");
            run.AssertSite(f.GetProperty("freeSite"), "close_session", "LOS_MemFree");
            Assert.That(f.GetProperty("detail").GetString(), Is.EqualTo("write 8 bytes into the freed 64-byte block"));
            Assert.That(f.GetProperty("access").GetString(), Is.EqualTo("write"));
            // The write itself is not trapped (the poison is checked at exit): no PC to name.
            Assert.That(f.GetProperty("pc").ValueKind, Is.EqualTo(JsonValueKind.Null));

            AssertUnseenWithoutSanitize("oracle_heap_uaf", "without --sanitize the pool owns the block again: nothing to see");
        }

        [Test]
        public void Heap_use_after_free_of_a_sampled_block_is_reported_at_the_writing_instruction()
        {
            var run = Oracle("oracle_heap_uaf", "--sanitize", "--sanitize-sample", "1");
            Assert.That(run.Cli.ExitCode, Is.EqualTo(ExitCodes.Findings), "the firmware goes on after the report\n" + run);
            var f = run.Single("use-after-free");
            run.AssertSite(f.GetProperty("pcSite"), "touch_after_close", "session[8]", exact: true);
            run.AssertSite(f.GetProperty("allocSite"), "new_session", "LOS_MemAlloc");
            run.AssertSite(f.GetProperty("freeSite"), "close_session", "LOS_MemFree");
            Assert.That((f.GetProperty("access").GetString(), f.GetProperty("accessSize").GetUInt32(), f.GetProperty("detail").GetString()),
                Is.EqualTo(("write", 1u, "8 bytes into a freed 64-byte heap block")));
        }

        [Test]
        public void Page_block_use_after_free_faults_at_the_writing_instruction_under_sanitize_only()
        {
            var run = Oracle("oracle_page_uaf", "--sanitize");
            Assert.That(run.Cli.ExitCode, Is.EqualTo(ExitCodes.Findings), "reported, the page mapped back, the firmware goes on\n" + run);
            var f = run.Single("use-after-free");
            Assert.That(f.GetProperty("pcSymbol").GetString(), Does.StartWith("blank_frame+0x"));
            run.AssertSite(f.GetProperty("pcSite"), "blank_frame", "frame[1024 + 1]", exact: true);
            run.AssertSite(f.GetProperty("allocSite"), "alloc_frame", "LOS_KernelMalloc");
            run.AssertSite(f.GetProperty("freeSite"), "release_frame", "LOS_KernelFree");
            var block = Convert.ToUInt32(f.GetProperty("block").GetString(), 16);
            Assert.That((Convert.ToUInt32(f.GetProperty("address").GetString(), 16) - block, f.GetProperty("size").GetUInt32()),
                Is.EqualTo((4u * 1025, 65536u)));
            Assert.That((f.GetProperty("access").GetString(), f.GetProperty("accessSize").GetUInt32()), Is.EqualTo(("write", 4u)));
            Assert.That(f.GetProperty("allocApi").GetString(), Is.EqualTo("LOS_KernelMalloc"));

            AssertUnseenWithoutSanitize("oracle_page_uaf", "LiteOS-A keeps freed pages in its linear map: the write lands unseen");
        }

        [Test]
        public void Single_page_use_after_free_faults_at_the_writing_instruction_under_sanitize_only()
        {
            var run = Oracle("oracle_single_page_uaf", "--sanitize");
            Assert.That(run.Cli.ExitCode, Is.EqualTo(ExitCodes.Findings), "reported, the page mapped back, the firmware goes on\n" + run);
            var f = run.Single("use-after-free");
            run.AssertSite(f.GetProperty("pcSite"), "clear_status", "ring[3]", exact: true);
            run.AssertSite(f.GetProperty("allocSite"), "grab_ring_page", "LOS_PhysPageAlloc");
            run.AssertSite(f.GetProperty("freeSite"), "drop_ring_page", "LOS_PhysPageFree");
            Assert.That((Convert.ToUInt32(f.GetProperty("address").GetString(), 16) % 4096, f.GetProperty("size").GetUInt32()),
                Is.EqualTo((12u, 4096u)), "ring[3] of the page at its kernel VA");
            Assert.That((f.GetProperty("access").GetString(), f.GetProperty("accessSize").GetUInt32(), f.GetProperty("detail").GetString()),
                Is.EqualTo(("write", 4u, "12 bytes into a freed 4096-byte page")));

            AssertUnseenWithoutSanitize("oracle_single_page_uaf", "LiteOS-A keeps a freed page in its linear map: the write lands unseen");
        }

        [Test]
        public void A_freed_uncached_DMA_buffer_read_through_its_alias_faults_at_the_load_under_sanitize_only()
        {
            var run = Oracle("oracle_dma_uaf", "--sanitize");
            Assert.That(run.Cli.ExitCode, Is.EqualTo(ExitCodes.Findings), "reported, the page mapped back, the firmware goes on\n" + run);
            var f = run.Single("use-after-free");
            run.AssertSite(f.GetProperty("pcSite"), "read_completion", "ring[1024 + 2]", exact: true);
            run.AssertSite(f.GetProperty("allocSite"), "open_ring", "LOS_DmaMemAlloc");
            run.AssertSite(f.GetProperty("freeSite"), "close_ring", "LOS_DmaMemFree");
            var address = Convert.ToUInt32(f.GetProperty("address").GetString(), 16);
            var block = Convert.ToUInt32(f.GetProperty("block").GetString(), 16);
            Assert.That(address - 0x80000000u + 0x40000000u - block, Is.EqualTo(4u * 1026), "the alias of ring[1026] (UNCACHED_VMM_BASE 0x80000000)");
            Assert.That((f.GetProperty("access").GetString(), f.GetProperty("accessSize").GetUInt32(), f.GetProperty("detail").GetString()),
                Is.EqualTo(("read", 4u, "4104 bytes into a freed 20480-byte page block, through its uncached alias")));
            Assert.That((f.GetProperty("allocApi").GetString(), f.GetProperty("freeApi").GetString()), Is.EqualTo(("LOS_DmaMemAlloc", "LOS_DmaMemFree")),
                "named by what the driver called, not by LOS_KernelMallocAlign/LOS_KernelFree inside it");

            AssertUnseenWithoutSanitize("oracle_dma_uaf", "LiteOS-A keeps the alias mapped: the read returns stale data unseen");
        }

        [Test]
        public void A_sampled_block_overflow_is_out_of_bounds_at_the_store_and_a_redzone_overwrite_without_sampling()
        {
            var run = Oracle("oracle_sampled_overflow", "--sanitize", "--sanitize-sample", "1");
            Assert.That(run.Cli.ExitCode, Is.EqualTo(ExitCodes.Findings), run.ToString());
            var f = run.Single("out-of-bounds");
            run.AssertSite(f.GetProperty("pcSite"), "stamp_record", "record[len]", exact: true);
            run.AssertSite(f.GetProperty("allocSite"), "new_record", "LOS_MemAlloc");
            Assert.That(f.GetProperty("freeSite").ValueKind, Is.EqualTo(JsonValueKind.Null), "live when it overflowed");
            Assert.That((f.GetProperty("access").GetString(), f.GetProperty("accessSize").GetUInt32(), f.GetProperty("size").GetUInt32()),
                Is.EqualTo(("write", 1u, 40u)));
            Assert.That(Convert.ToUInt32(f.GetProperty("address").GetString(), 16) % 4096, Is.EqualTo(0u), "the first byte of the guard page");
            Assert.That(run.Cli.Stderr, Does.Contain("ERROR: out-of-bounds on address 0x").And.Contain("(WRITE of size 1)"));

            var redzone = Oracle("oracle_sampled_overflow", "--sanitize");
            var r = redzone.Single("redzone-overwrite");
            redzone.AssertSite(r.GetProperty("allocSite"), "new_record", "LOS_MemAlloc");
            Assert.That(r.GetProperty("detail").GetString(), Is.EqualTo("0 bytes after the 40-byte block"));
            redzone.AssertSite(r.GetProperty("pcSite"), "drop_record", "LOS_MemFree");
            Assert.That(r.GetProperty("api").GetString(), Is.EqualTo("LOS_MemFree"), "found when drop_record freed it, not at the store");
        }

        [Test]
        public void Vmalloc_use_after_free_is_reported_at_the_faulting_instruction()
        {
            var run = Oracle("oracle_vmalloc_uaf");
            Assert.That(run.Cli.ExitCode, Is.EqualTo(ExitCodes.KernelPanic), "the firmware's own failure wins over 7\n" + run);
            var f = run.Single("use-after-free");
            Assert.That(f.GetProperty("pcSymbol").GetString(), Does.StartWith("read_stale+0x"));
            run.AssertSite(f.GetProperty("pcSite"), "read_stale", "table[1024 + 3]", exact: true);
            run.AssertSite(f.GetProperty("allocSite"), "make_table", "LOS_VMalloc");
            run.AssertSite(f.GetProperty("freeSite"), "drop_table", "LOS_VFree");
            Assert.That((f.GetProperty("address").GetString(), f.GetProperty("block").GetString(), f.GetProperty("access").GetString()),
                Is.EqualTo(("0xc000100c", "0xc0000000", "read")));
            Assert.That(run.Json.RootElement.GetProperty("ended").GetString(), Is.EqualTo("kernel panic"));
        }

        [Test]
        public void Leaks_are_grouped_by_site_biggest_first_after_the_mark()
        {
            var run = Oracle("oracle_leak", "--leaks");
            Assert.That(run.Cli.ExitCode, Is.EqualTo(0), "leaks alone do not fail the run\n" + run);
            Assert.That(run.Findings.GetArrayLength(), Is.EqualTo(0));
            var leaks = run.Json.RootElement.GetProperty("leaks").EnumerateArray().ToList();
            Assert.That(leaks.Select(l => (l.GetProperty("allocSite").GetProperty("symbol").GetString().Split('+')[0],
                    l.GetProperty("count").GetInt32(), l.GetProperty("size").GetUInt64())),
                Is.EqualTo(new[] { ("load_config", 1, 5000UL), ("cache_entry", 3, 300UL) }), "boot_buffer was allocated before hr_leak_mark");
            run.AssertSite(leaks[1].GetProperty("allocSite"), "cache_entry", "LOS_MemAlloc");
            Assert.That(run.Cli.Stderr, Does.Contain("==harmony-renode== leaks: 5300 bytes in 4 block(s) from 2 site(s) (allocated after the mark)"));
        }

        [Test]
        public void The_oracle_changes_no_address_the_firmware_sees()
        {
            var watched = CliRun.Firmware("demo");
            var bare = CliRun.Firmware("demo", "--no-oracle");
            Assert.That((watched.ExitCode, bare.ExitCode), Is.EqualTo((0, 0)), watched + "\n" + bare);
            Assert.That(watched.Stdout, Does.Contain("demo: LOS_KernelMalloc(20000) = 0x"));
            Assert.That(watched.Stdout, Is.EqualTo(bare.Stdout), "every address the demo prints");
            Assert.That(bare.Stderr, Does.Not.Contain("==harmony-renode=="));
        }

        [Test]
        public void Without_the_oracle_a_double_free_keeps_the_firmwares_exit_code()
        {
            var run = CliRun.Firmware("oracle_double_free", "--no-oracle");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            Assert.That(run.Stderr, Does.Not.Contain("double-free"));
        }

        [Test]
        public void The_findings_file_is_written_when_the_run_times_out()
        {
            var path = TempJson();
            var run = CliRun.Firmware("hang", "--timeout", "2", "--findings", path);
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Deadline), run.ToString());
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            Assert.That(json.RootElement.GetProperty("ended").GetString(), Is.EqualTo("timeout"));
            Assert.That(json.RootElement.GetProperty("findings").GetArrayLength(), Is.EqualTo(0));
            File.Delete(path);
        }

        private static string TempJson() => Path.Combine(Path.GetTempPath(), $"hr-findings-{Guid.NewGuid():N}.json");

        /// <summary>The same program without --sanitize: exit 0 and no finding, as on LiteOS-A, where the bug goes unseen.</summary>
        private static void AssertUnseenWithoutSanitize(string program, string because)
        {
            var plain = Oracle(program);
            Assert.That(plain.Cli.ExitCode, Is.EqualTo(0), because + "\n" + plain);
            Assert.That(plain.Findings.GetArrayLength(), Is.EqualTo(0));
        }

        private static OracleRun Oracle(string program, params string[] extra)
        {
            var path = TempJson();
            try
            {
                var cli = CliRun.Firmware(program, extra.Concat(new[] { "--findings", path }).ToArray());
                var run = new OracleRun(program, cli, JsonDocument.Parse(File.ReadAllText(path)));
                run.AssertTranscript();
                return run;
            }
            finally
            {
                File.Delete(path);
            }
        }

        private sealed class OracleRun
        {
            private readonly string[] source;

            public OracleRun(string program, CliRun cli, JsonDocument json)
            {
                Program = program;
                Cli = cli;
                Json = json;
                source = File.ReadAllLines(Path.Combine(RepoPaths.Firmware, "programs", program + ".c"));
            }

            public string Program { get; }

            public CliRun Cli { get; }

            public JsonDocument Json { get; }

            public JsonElement Findings => Json.RootElement.GetProperty("findings");

            public override string ToString() => Cli.ToString();

            public JsonElement Single(string kind)
            {
                var matching = Findings.EnumerateArray().Where(f => f.GetProperty("kind").GetString() == kind).ToList();
                Assert.That(matching, Has.Count.EqualTo(1), $"one {kind}\n{Json.RootElement}\n{Cli}");
                return matching[0];
            }

            /// <summary>
            /// The site's innermost frame is in <paramref name="function"/> of the program's source, and its line (when
            /// arm-none-eabi-addr2line is there) is a line of that function containing <paramref name="code"/>.
            /// </summary>
            public void AssertSite(JsonElement site, string function, string code, bool exact = false)
            {
                Assert.That(site.ValueKind, Is.EqualTo(JsonValueKind.Object), $"a site in {function}\n{Json.RootElement}");
                Assert.That(site.GetProperty("symbol").GetString(), Does.StartWith(function + "+0x"));
                var definition = Array.FindIndex(source, l => l.StartsWith("HR_ORACLE_SITE", StringComparison.Ordinal)
                    && System.Text.RegularExpressions.Regex.IsMatch(l, $@"\b{function}\("));
                Assert.That(definition, Is.GreaterThanOrEqualTo(0), $"{function} is defined in {Program}.c");
                var line = site.GetProperty("line");
                if (line.ValueKind == JsonValueKind.Null)
                {
                    Assert.That(GuestSymbolizerAvailable, Is.False, "addr2line is installed but gave no line");
                    return;
                }
                var text = line.GetString();
                Assert.That(text, Does.StartWith($"firmware/programs/{Program}.c:"));
                var number = int.Parse(text.Substring(text.LastIndexOf(':') + 1));
                Assert.That(source[number - 1], Does.Contain(code), $"{text}, in {function} (defined at line {definition + 1})");
                Assert.That(number - 1, Is.GreaterThan(definition));
            }

            private static bool GuestSymbolizerAvailable =>
                (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Any(d => d.Length > 0 && File.Exists(Path.Combine(d, GuestSymbolizer.Addr2Line)));

            public void AssertTranscript()
            {
                var expected = File.ReadAllLines(Path.Combine(RepoPaths.Firmware, "transcripts", Program + ".txt"));
                var uart = Cli.Stdout.Split('\n');
                var at = 0;
                foreach (var line in expected)
                {
                    while (at < uart.Length && !uart[at].Contains(line))
                    {
                        at++;
                    }
                    Assert.That(at, Is.LessThan(uart.Length), $"transcript line '{line}' (in order)\n{Cli}");
                    at++;
                }
            }
        }
    }
}
