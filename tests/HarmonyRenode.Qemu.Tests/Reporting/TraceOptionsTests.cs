using HarmonyRenode.Tests;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using HarmonyRenode.Cli;
using HarmonyRenode.Qemu.Tests.Cli;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Reporting
{
    /// <summary>--trace and --report on the command line, on model-demo and on the GDB engine.</summary>
    [TestFixture]
    public class TraceOptionsTests
    {
        private static string Dir()
        {
            var dir = Path.Combine(RepoPaths.Root, "artifacts", "test-output", "trace-options");
            Directory.CreateDirectory(dir);
            return dir;
        }

        [Test]
        public void Trace_and_report_take_a_file_each_and_are_off_by_default()
        {
            var o = CliOptions.Parse(new[] { "run", "fw.elf", "--trace", "t.json", "--report", "r.html" });
            Assert.That((o.TracePath, o.ReportPath, o.Records), Is.EqualTo(("t.json", "r.html", true)));
            Assert.That(CliOptions.Parse(new[] { "model-demo" }).Records, Is.False);
            Assert.That(Assert.Throws<UsageException>(() => CliOptions.Parse(new[] { "model-demo", "--trace" })).Message,
                Is.EqualTo("--trace needs a value"));
        }

        [Test]
        public void Model_demo_writes_both_files_with_its_faults_and_allocations()
        {
            var dir = Dir();
            var run = CliRun.Run("model-demo", "--trace", Path.Combine(dir, "model.json"), "--report", Path.Combine(dir, "model.html"));
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "model.json")));
            var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
            Assert.That(events.Count(e => e.GetProperty("cat").GetString() == "fault"), Is.EqualTo(5), "4 demand faults and 1 copy-on-write");
            var html = File.ReadAllText(Path.Combine(dir, "model.html"));
            var pmm = Regex.Match(run.Stdout, @"pmm pages: total = \d+, used = \d+, free = (\d+)");
            Assert.That(html, Does.Contain($"id=\"free-pages\">{pmm.Groups[1].Value}<"));
            Assert.That(html, Does.Contain("<section id=\"leaks\">"), "model-demo keeps its allocations");
        }

        [Test]
        public void A_report_that_cannot_be_written_is_one_error_line_and_exit_2()
        {
            var run = CliRun.Run("model-demo", "--report", Path.Combine(Dir(), "no-such-folder", "r.html"));
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString());
            var errors = run.Stderr.Split('\n').Where(l => l.Contains("[error]")).ToList();
            Assert.That(errors, Has.Count.EqualTo(1));
            Assert.That(errors[0], Does.StartWith("harmony-renode: [error] cannot write the trace/report: "));
            Assert.That(run.Stderr, Does.Not.Contain("   at "), "no stack trace");
        }

        [Test]
        public void The_gdb_engine_records_one_slice_per_serviced_stop_too()
        {
            var trace = Path.Combine(Dir(), "hello-gdb.json");
            var run = CliRun.Firmware("demo", "--engine", "qemu-gdb", "--log-level", "info", "--trace", trace);
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            var counts = Regex.Match(run.Stderr, @"exit 0: (\d+) hooked calls \((\d+) aborts\)");
            Assert.That(counts.Success, Is.True, run.Stderr);
            using var doc = JsonDocument.Parse(File.ReadAllText(trace));
            var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
            // This engine counts its stop at hr_exit as well, which is no model call.
            Assert.That(events.Count(e => e.GetProperty("ph").GetString() == "B"), Is.EqualTo(int.Parse(counts.Groups[1].Value) - 1));
            Assert.That(events.Count(e => e.GetProperty("cat").GetString() == "fault"), Is.EqualTo(int.Parse(counts.Groups[2].Value)));
        }
    }
}
