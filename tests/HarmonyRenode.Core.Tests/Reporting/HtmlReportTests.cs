using System.IO;
using System.Text.RegularExpressions;
using HarmonyRenode.Core.Diagnostics;
using HarmonyRenode.Core.Reporting;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Reporting
{
    public class HtmlReportTests
    {
        private static string Report(RecordingFixture r)
        {
            var text = new StringWriter();
            HtmlReport.Write(r.Recorder, text, "unit <test>");
            return text.ToString();
        }

        private static long Figure(string html, string id) => long.Parse(Regex.Match(html, $"id=\"{id}\">(\\d+)<").Groups[1].Value);

        [Test]
        public void Its_numbers_are_the_model_figures_pmm_and_free_print()
        {
            var r = new RecordingFixture();
            var html = Report(r);
            var pmm = Regex.Match(r.F.Manager.Pmm(), @"free = (\d+)");
            Assert.That(Figure(html, "free-pages"), Is.EqualTo(long.Parse(pmm.Groups[1].Value)));
            var free = Regex.Match(r.F.Manager.Free(), @"Mem:\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)");
            Assert.That(Figure(html, "used-bytes"), Is.EqualTo(long.Parse(free.Groups[2].Value)));
            Assert.That(Figure(html, "heap-used"), Is.EqualTo(long.Parse(free.Groups[4].Value)));
            Assert.That(Figure(html, "used-bytes"), Is.EqualTo(FreeDump.MemUsed(r.F.Manager)));
        }

        [Test]
        public void It_is_one_self_contained_page_with_every_section_and_no_script_or_external_resource()
        {
            var html = Report(new RecordingFixture());
            foreach (var id in new[] { "summary", "memory-map", "buddy", "heap", "sites", "spaces", "faults", "leaks" })
            {
                Assert.That(html, Does.Contain($"<section id=\"{id}\">"), id);
            }
            Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<link").And.Not.Contain(" src=").And.Not.Contain("href="));
            Assert.That(Regex.Matches(html, "https?://").Count, Is.EqualTo(Regex.Matches(html, "xmlns=\"http://www.w3.org/2000/svg\"").Count),
                "the only URLs are the SVG namespace");
            Assert.That(html, Does.Contain("<title>unit &lt;test&gt;</title>"));
            Assert.That(html, Does.Not.Contain("<section id=\"findings\">"), "no findings, no section");
        }

        [Test]
        public void Findings_get_their_section_with_the_symbolized_call_site()
        {
            var r = new RecordingFixture(stop: false);
            r.F.Manager.Events.Finding("double free", 0x40100100, "freed twice");
            r.Recorder.Stop();
            var html = Report(r);
            Assert.That(html, Does.Contain("<section id=\"findings\">").And.Contain("double free").And.Contain("freed twice"));
        }

        [Test]
        public void Fault_kinds_and_outcomes_are_counted()
        {
            var html = Report(new RecordingFixture());
            Assert.That(html, Does.Contain("data translation write → Resume</td><td>4<"));
            Assert.That(html, Does.Contain("data permission write → Resume</td><td>1<"));
        }
    }
}
