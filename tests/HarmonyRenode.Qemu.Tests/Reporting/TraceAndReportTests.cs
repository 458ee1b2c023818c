using HarmonyRenode.Tests;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using HarmonyRenode.Qemu.Tests.Cli;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Reporting
{
    /// <summary>
    /// `run --trace --report` on real firmware on QEMU: the trace is Trace Event JSON whose counters end at the
    /// model's own figures, and the report shows the same numbers as `pmm` and `free` and renders offline in Chromium.
    /// </summary>
    [TestFixture]
    public class TraceAndReportTests
    {
        private static readonly HashSet<string> Phases = new HashSet<string> { "B", "E", "i", "C", "M" };

        private string dir;
        private CliRun run;
        private ShellFigures shell;

        [OneTimeSetUp]
        public void RunDemoOnce()
        {
            dir = Path.Combine(RepoPaths.Root, "artifacts", "test-output", "trace-report");
            Directory.CreateDirectory(dir);
            run = CliRun.Firmware("demo", "--diagnostics", "--log-level", "info", "--trace", Path.Combine(dir, "demo.json"), "--report", Path.Combine(dir, "demo.html"));
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            shell = ShellFigures.Parse(run.Stdout);
        }

        [Test]
        public void Trace_is_trace_event_json_with_required_fields_and_time_stamps_that_never_go_back()
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "demo.json")));
            var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
            Assert.That(events.Count, Is.GreaterThan(100));
            double last = 0;
            var open = new Stack<string>();
            foreach (var e in events)
            {
                Assert.That(e.GetProperty("name").ValueKind, Is.EqualTo(JsonValueKind.String), e.ToString());
                var ph = e.GetProperty("ph").GetString();
                Assert.That(Phases, Does.Contain(ph), e.ToString());
                Assert.That(e.GetProperty("pid").ValueKind, Is.EqualTo(JsonValueKind.Number));
                Assert.That(e.GetProperty("tid").ValueKind, Is.EqualTo(JsonValueKind.Number));
                var ts = e.GetProperty("ts").GetDouble();
                if (ph == "M")
                {
                    continue;
                }
                Assert.That(ts, Is.GreaterThanOrEqualTo(last), "time stamps go back at " + e);
                last = ts;
                if (ph == "B")
                {
                    open.Push(e.GetProperty("name").GetString());
                }
                else if (ph == "E")
                {
                    Assert.That(open.Count, Is.GreaterThan(0), "E without B: " + e);
                    Assert.That(e.GetProperty("name").GetString(), Is.EqualTo(open.Pop()));
                }
                else if (ph == "C")
                {
                    foreach (var arg in e.GetProperty("args").EnumerateObject())
                    {
                        Assert.That(arg.Value.ValueKind, Is.EqualTo(JsonValueKind.Number), "counter values are numbers: " + e);
                    }
                }
            }
            Assert.That(open, Is.Empty, "every hooked call ends");
        }

        [Test]
        public void Trace_has_hooked_call_slices_with_symbolized_call_sites_and_fault_instants()
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "demo.json")));
            var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
            var malloc = events.First(e => e.GetProperty("ph").GetString() == "B" && e.GetProperty("name").GetString() == "LOS_KernelMalloc");
            var symbol = malloc.GetProperty("args").GetProperty("call_site_symbol").GetString();
            Assert.That(symbol, Does.Match(@"^\w+\+0x[0-9a-f]+$"), "LR of the call, as function+offset of the firmware");
            var faults = events.Where(e => e.GetProperty("ph").GetString() == "i" && e.GetProperty("cat").GetString() == "fault").ToList();
            Assert.That(faults, Is.Not.Empty);
            Assert.That(faults.Select(f => f.GetProperty("args").GetProperty("outcome").GetString()), Does.Contain("Resume"));
            Assert.That(faults.Select(f => f.GetProperty("name").GetString()), Has.Some.StartsWith("data "));
            // The CLI's own count of the run (QEMU breakpoint stops): one slice per hooked call, one instant per abort.
            var counts = Regex.Match(run.Stderr, @"exit 0: (\d+) hooked calls \((\d+) aborts\)");
            Assert.That(counts.Success, Is.True, run.Stderr);
            Assert.That(events.Count(e => e.GetProperty("ph").GetString() == "B"), Is.EqualTo(int.Parse(counts.Groups[1].Value)));
            Assert.That(faults.Count, Is.EqualTo(int.Parse(counts.Groups[2].Value)));
        }

        [Test]
        public void Trace_counters_end_at_the_model_figures_pmm_and_free_print_at_exit()
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "demo.json")));
            var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
            JsonElement Last(string name) => events.Last(e => e.GetProperty("ph").GetString() == "C" && e.GetProperty("name").GetString() == name)
                .GetProperty("args");
            Assert.That(Last("free pages").GetProperty("free pages").GetInt64(), Is.EqualTo(shell.FreePages));
            var blocks = Last("buddy free blocks");
            for (var order = 0; order < 9; order++)
            {
                Assert.That(blocks.GetProperty("order " + order).GetInt64(), Is.EqualTo(shell.FreeBlocks[order]), "order " + order);
            }
            Assert.That(Last("heap bytes").GetProperty("used").GetInt64(), Is.EqualTo(shell.HeapUsedBytes));
            var mapped = Last("mapped pages").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
            Assert.That(mapped.Keys, Does.Contain("asid 0").And.Contain("asid 1"));
            // vmm's "pages" column of the kernel process is the kernel space's mapped pages.
            var kernel = Regex.Match(run.Stdout, @"\n\s*0\s+0x[0-9a-f]+\s+KProcess\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+(\d+)");
            Assert.That(kernel.Success, Is.True, run.Stdout);
            Assert.That(mapped["asid 0"], Is.EqualTo(long.Parse(kernel.Groups[1].Value)));
        }

        [Test]
        public void Report_numbers_equal_pmm_free_pages_and_free_used_bytes_of_the_same_run()
        {
            var html = File.ReadAllText(Path.Combine(dir, "demo.html"));
            Assert.That(Figure(html, "free-pages"), Is.EqualTo(shell.FreePages));
            Assert.That(Figure(html, "used-bytes"), Is.EqualTo(shell.UsedBytes));
            Assert.That(Figure(html, "heap-used"), Is.EqualTo(shell.HeapUsedBytes));
            Assert.That(Figure(html, "owner-free"), Is.EqualTo(shell.FreePages), "the memory map's free cells are pmm's free pages");
        }

        [Test]
        public void Report_renders_in_headless_chromium_offline_with_every_section_filled()
        {
            var html = Path.Combine(dir, "demo.html");
            var screenshot = Path.Combine(dir, "demo-report.png");
            File.Delete(screenshot);
            var chromium = HeadlessChromium.Render(html, screenshot, dir);
            Assert.That(chromium.ExitCode, Is.EqualTo(0), chromium.Log);
            Assert.That(chromium.Log, Does.Not.Contain(":CONSOLE("), "the page logs nothing (no script, no error)");
            Assert.That(PageRequests(chromium.NetLog), Is.Empty, "the page loads nothing from the network");
            foreach (var id in new[] { "summary", "memory-map", "buddy", "heap", "sites", "spaces", "faults" })
            {
                var section = Regex.Match(chromium.Dom, $"<section id=\"{id}\">(.*?)</section>", RegexOptions.Singleline);
                Assert.That(section.Success, Is.True, $"section {id} rendered");
                var body = Regex.Replace(section.Groups[1].Value, "<h2>.*?</h2>", "");
                Assert.That(body, Does.Contain("<svg").Or.Contain("<td"), $"section {id} has a chart or a table");
            }
            Assert.That(Regex.Matches(chromium.Dom, "<rect class=\"pages\"").Count, Is.GreaterThan(10));
            Assert.That(new FileInfo(screenshot).Length, Is.GreaterThan(20_000), "a screenshot with content");
            TestContext.AddTestAttachment(screenshot, "the report as Chromium rendered it");
        }

        [Test]
        public void The_request_check_sees_a_page_that_loads_from_the_network()
        {
            // The control of the check above: an image from a (closed) local port is a request Chromium's NetLog records.
            var page = Path.Combine(dir, "network-control.html");
            File.WriteAllText(page, "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/x.png\"></body></html>");
            var chromium = HeadlessChromium.Render(page, Path.Combine(dir, "network-control.png"), dir);
            Assert.That(PageRequests(chromium.NetLog), Does.Contain("http://127.0.0.1:9/x.png"));
        }

        /// <summary>URLs the page asked for: requests with an initiator (Chromium's own update/account pings have none).</summary>
        private static List<string> PageRequests(string netLog)
        {
            Assert.That(netLog, Is.Not.Null, "chromium wrote no NetLog");
            using var doc = JsonDocument.Parse(netLog);
            var types = doc.RootElement.GetProperty("constants").GetProperty("logEventTypes");
            var startJob = types.GetProperty("URL_REQUEST_START_JOB").GetInt32();
            var urls = new List<string>();
            foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
            {
                if (e.GetProperty("type").GetInt32() != startJob || !e.TryGetProperty("params", out var p) || !p.TryGetProperty("url", out var url))
                {
                    continue;
                }
                if (!p.TryGetProperty("initiator", out var initiator) || initiator.GetString() != "not an origin")
                {
                    urls.Add(url.GetString());
                }
            }
            return urls;
        }

        private static long Figure(string html, string id)
        {
            var m = Regex.Match(html, $"id=\"{id}\">(\\d+)<");
            Assert.That(m.Success, Is.True, $"no #{id} in the report");
            return long.Parse(m.Groups[1].Value);
        }
    }
}
