using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Events;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Reporting
{
    /// <summary>
    /// One self-contained HTML page of a recorded run (inline CSS and SVG; no script, no external resource): the
    /// physical memory map by owner, the buddy free lists at exit and at their peak, the heap and its
    /// fragmentation over time, the top allocation sites, every space's regions, faults by kind over time, and the
    /// findings and allocations still live at exit when there are any. Each section is a &lt;section id=...&gt;.
    /// </summary>
    public static class HtmlReport
    {
        public static readonly string[] OwnerColors = { "#e4e4e4", "#4c72b0", "#dd8452", "#8172b3", "#55a868", "#c44e52", "#da8bc3", "#937860" };

        public static readonly string[] OwnerNames =
        {
            "free", "kernel image and boot data", "heap", "page tables", "vmalloc", "user anonymous", "COW shared", "other kernel pages",
        };

        private static readonly string[] Palette = { "#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c" };

        private const string Css =
            "body{font:14px sans-serif;margin:20px;color:#222;max-width:1100px}h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #ccc}" +
            "table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #ddd;padding:2px 8px;text-align:right}th{background:#f2f2f2}" +
            "td.l,th.l{text-align:left}svg text{font:11px sans-serif;fill:#333}.swatch{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}" +
            "section{margin-bottom:24px}";

        public static void Write(MemoryRecorder recorder, TextWriter w, string? title = null)
        {
            var model = recorder.Model;
            var html = new StringBuilder();
            html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .Append(Svg.Text(title ?? "HarmonyRenode memory report")).Append("</title><style>").Append(Css).Append("</style></head><body>");
            html.Append("<h1>").Append(Svg.Text(title ?? "HarmonyRenode memory report")).Append("</h1>");
            Summary(html, recorder);
            MemoryMap(html, model);
            Buddy(html, recorder);
            Heap(html, recorder);
            Sites(html, recorder);
            Spaces(html, model);
            Faults(html, recorder);
            Findings(html, recorder);
            Leaks(html, recorder);
            html.Append("</body></html>\n");
            w.Write(html.ToString());
        }

        private static void Summary(StringBuilder html, MemoryRecorder recorder)
        {
            var model = recorder.Model;
            var hooks = recorder.Events.Count(e => e.Kind == MemoryEventKind.HookEnter);
            var faults = recorder.Events.Count(e => e.Kind == MemoryEventKind.Fault);
            html.Append("<section id=\"summary\"><h2>Summary at exit</h2><table>");
            Row(html, "free pages (pmm)", "free-pages", model.Phys.FreePageCount);
            Row(html, "total pages (pmm)", "total-pages", model.Phys.TotalPageCount);
            Row(html, "used bytes (free)", "used-bytes", Diagnostics.FreeDump.MemUsed(model));
            Row(html, "heap used bytes (free)", "heap-used", model.Heap.LOS_MemTotalUsedGet());
            Row(html, "heap pool bytes", "heap-size", model.Heap.LOS_MemPoolSizeGet());
            Row(html, "hooked calls recorded", "hooked-calls", hooks);
            Row(html, "faults recorded", "faults", faults);
            Row(html, "events recorded", "events", recorder.Events.Count);
            html.Append("</table><p>Guest time is counted in ").Append(recorder.TimeUnit == "instructions" ? "executed guest instructions" : "events (one tick per event)")
                .Append(".</p></section>");
        }

        private static void Row(StringBuilder html, string name, string id, long value) =>
            html.Append("<tr><th class=\"l\">").Append(name).Append("</th><td id=\"").Append(id).Append("\">")
                .Append(value.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");

        private static void MemoryMap(StringBuilder html, MemoryModel model)
        {
            var owners = PhysicalMemoryMap.Build(model);
            var counts = PhysicalMemoryMap.Count(owners);
            const int columns = 256;
            html.Append("<section id=\"memory-map\"><h2>Physical memory map</h2><p>One cell per 4 KiB page from 0x")
                .Append(model.Config.RamBase.ToString("x8")).Append(", ").Append(columns).Append(" pages (1 MiB) a row.</p><p>");
            for (var i = 0; i < OwnerNames.Length; i++)
            {
                html.Append("<span class=\"swatch\" style=\"background:").Append(OwnerColors[i]).Append("\"></span>").Append(OwnerNames[i])
                    .Append(" <b id=\"owner-").Append(((PageOwner)i).ToString().ToLowerInvariant()).Append("\">").Append(counts[i]).Append("</b>");
            }
            html.Append("</p>").Append(Svg.PageMap(owners.Select(o => (int)o).ToArray(), OwnerColors, OwnerNames, columns, 4)).Append("</section>");
        }

        private static void Buddy(StringBuilder html, MemoryRecorder recorder)
        {
            var last = recorder.Samples.Count == 0 ? new int[VmPhysSeg.ListOrderMax] : recorder.Samples[recorder.Samples.Count - 1].FreeBlocks;
            var orders = Enumerable.Range(0, VmPhysSeg.ListOrderMax).Select(o => $"{o} ({1 << o} p)").ToArray();
            html.Append("<section id=\"buddy\"><h2>Buddy free lists</h2>")
                .Append(Svg.BarChart(orders, new List<(string, string, IReadOnlyList<double>)>
                {
                    ("at exit", "#4c72b0", last.Select(v => (double)v).ToArray()),
                    ("peak", "#dd8452", recorder.PeakFreeBlocks.Select(v => (double)v).ToArray()),
                }, 720, 220, "order (pages per block)", "free blocks"));
            html.Append("<table><tr><th class=\"l\">order</th>");
            for (var o = 0; o < VmPhysSeg.ListOrderMax; o++)
            {
                html.Append("<th>").Append(o).Append("</th>");
            }
            html.Append("</tr><tr><th class=\"l\">at exit</th>");
            foreach (var v in last)
            {
                html.Append("<td>").Append(v).Append("</td>");
            }
            html.Append("</tr><tr><th class=\"l\">peak</th>");
            foreach (var v in recorder.PeakFreeBlocks)
            {
                html.Append("<td>").Append(v).Append("</td>");
            }
            html.Append("</tr></table></section>");
        }

        private static void Heap(StringBuilder html, MemoryRecorder recorder)
        {
            var samples = recorder.Samples;
            html.Append("<section id=\"heap\"><h2>Heap over time</h2>")
                .Append(Svg.LineChart(new[]
                {
                    new ChartSeries("used bytes", "#c44e52", samples.Select(s => ((double)s.Time, (double)s.HeapUsed)).ToArray()),
                    new ChartSeries("free bytes", "#55a868", samples.Select(s => ((double)s.Time, (double)s.HeapFree)).ToArray()),
                }, 720, 220, "guest time", "bytes"))
                .Append(Svg.LineChart(new[]
                {
                    new ChartSeries("largest free block / total free (%)", "#4c72b0",
                        samples.Select(s => ((double)s.Time, 100 * s.HeapLargestFreeShare)).ToArray()),
                }, 720, 180, "guest time", "% of free bytes"));
            if (samples.Count > 0)
            {
                var last = samples[samples.Count - 1];
                html.Append("<p>At exit: <span id=\"heap-largest-free\">").Append(last.HeapLargestFree).Append("</span> bytes in the largest free block of ")
                    .Append(last.HeapFree).Append(" free; peak used ").Append(samples.Max(s => s.HeapUsed)).Append(" bytes.</p>");
            }
            html.Append("</section>");
        }

        private static void Sites(StringBuilder html, MemoryRecorder recorder)
        {
            var sites = recorder.Sites.ToList();
            html.Append("<section id=\"sites\"><h2>Top allocation sites</h2>");
            if (sites.Count == 0)
            {
                html.Append("<p>No allocation was recorded.</p>");
            }
            SiteTable(html, recorder, "by bytes", sites.OrderByDescending(s => s.Bytes).ThenBy(s => s.Site).Take(15));
            SiteTable(html, recorder, "by count", sites.OrderByDescending(s => s.Count).ThenBy(s => s.Site).Take(15));
            html.Append("</section>");
        }

        private static void SiteTable(StringBuilder html, MemoryRecorder recorder, string caption, IEnumerable<AllocationSite> sites)
        {
            html.Append("<table><caption>").Append(caption).Append("</caption><tr><th class=\"l\">call site</th><th class=\"l\">symbol</th>")
                .Append("<th class=\"l\">function</th><th>calls</th><th>bytes</th><th>live at exit</th><th>live bytes</th></tr>");
            foreach (var s in sites)
            {
                html.Append("<tr><td class=\"l\">").Append(s.Site == 0 ? "(direct call)" : "0x" + s.Site.ToString("x8")).Append("</td><td class=\"l\">")
                    .Append(Svg.Text(s.Site == 0 ? "" : recorder.Symbolize(s.Site) ?? "?")).Append("</td><td class=\"l\">").Append(Svg.Text(s.Function))
                    .Append("</td><td>").Append(s.Count).Append("</td><td>").Append(s.Bytes).Append("</td><td>").Append(s.LiveCount)
                    .Append("</td><td>").Append(s.LiveBytes).Append("</td></tr>");
            }
            html.Append("</table>");
        }

        private static void Spaces(StringBuilder html, MemoryModel model)
        {
            html.Append("<section id=\"spaces\"><h2>Spaces and regions</h2>");
            foreach (var space in model.Vm.Spaces.SpaceList)
            {
                var regions = space.Regions;
                var mapped = regions.Select(space.MappedPageCount).ToList();
                html.Append("<h3>").Append(space.Kind).Append(" space, ASID ").Append(space.ArchMmu.Asid).Append(": 0x").Append(space.Base.ToString("x8"))
                    .Append(" + 0x").Append(space.Size.ToString("x")).Append(", ").Append(regions.Count).Append(" regions, <span class=\"mapped\">")
                    .Append(mapped.Sum()).Append("</span> mapped pages</h3>");
                html.Append("<table><tr><th class=\"l\">base</th><th>size</th><th>pages</th><th>mapped</th><th class=\"l\">flags</th><th class=\"l\">type</th></tr>");
                const int limit = 100;
                for (var i = 0; i < regions.Count && i < limit; i++)
                {
                    var r = regions[i];
                    html.Append("<tr><td class=\"l\">0x").Append(r.Base.ToString("x8")).Append("</td><td>0x").Append(r.Size.ToString("x"))
                        .Append("</td><td>").Append(r.PageCount).Append("</td><td>").Append(mapped[i]).Append("</td><td class=\"l\">0x")
                        .Append(((uint)r.RegionFlags).ToString("x")).Append("</td><td class=\"l\">").Append(r.RegionType).Append("</td></tr>");
                }
                if (regions.Count > limit)
                {
                    html.Append("<tr><td class=\"l\" colspan=\"6\">... ").Append(regions.Count - limit).Append(" more</td></tr>");
                }
                html.Append("</table>");
            }
            html.Append("</section>");
        }

        private static void Faults(StringBuilder html, MemoryRecorder recorder)
        {
            var byKind = new SortedDictionary<string, List<(double, double)>>(StringComparer.Ordinal);
            var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var e in recorder.Events)
            {
                if (e.Kind != MemoryEventKind.Fault)
                {
                    continue;
                }
                var kind = e.Name ?? ""; // a fault event always names its kind (MemoryModel.FaultName)
                if (!byKind.TryGetValue(kind, out var points))
                {
                    points = new List<(double, double)> { (0, 0) };
                    byKind.Add(kind, points);
                }
                points.Add((e.Time, points.Count));
                var key = e.Name + " → " + (Faults.FaultAction)e.Value;
                outcomes.TryGetValue(key, out var n);
                outcomes[key] = n + 1;
            }
            html.Append("<section id=\"faults\"><h2>Faults by kind over time</h2>");
            if (byKind.Count == 0)
            {
                html.Append("<p>No fault was recorded.</p>");
            }
            else
            {
                var series = byKind.Select((pair, i) => new ChartSeries(pair.Key, Palette[i % Palette.Length], pair.Value)).ToList();
                html.Append(Svg.LineChart(series, 720, 220, "guest time", "faults so far"));
            }
            html.Append("<table><tr><th class=\"l\">kind → outcome</th><th>count</th></tr>");
            foreach (var pair in outcomes)
            {
                html.Append("<tr><td class=\"l\">").Append(Svg.Text(pair.Key)).Append("</td><td>").Append(pair.Value).Append("</td></tr>");
            }
            html.Append("</table></section>");
        }

        /// <summary>Findings published through <see cref="MemoryEvents.Finding"/> (a checker's extension point).</summary>
        private static void Findings(StringBuilder html, MemoryRecorder recorder)
        {
            var findings = recorder.Events.Where(e => e.Kind == MemoryEventKind.Finding).ToList();
            if (findings.Count == 0)
            {
                return;
            }
            html.Append("<section id=\"findings\"><h2>Findings</h2><table><tr><th>time</th><th class=\"l\">kind</th><th class=\"l\">address</th>")
                .Append("<th class=\"l\">call site</th><th class=\"l\">what</th></tr>");
            foreach (var f in findings)
            {
                html.Append("<tr><td>").Append(f.Time).Append("</td><td class=\"l\">").Append(Svg.Text(f.Name)).Append("</td><td class=\"l\">0x")
                    .Append(f.Address.ToString("x8")).Append("</td><td class=\"l\">").Append(Svg.Text(SiteText(recorder, f.Site)))
                    .Append("</td><td class=\"l\">").Append(Svg.Text(f.Text)).Append("</td></tr>");
            }
            html.Append("</table></section>");
        }

        private static void Leaks(StringBuilder html, MemoryRecorder recorder)
        {
            var live = recorder.Sites.Where(s => s.LiveCount > 0).OrderByDescending(s => s.LiveBytes).ToList();
            if (live.Count == 0)
            {
                return;
            }
            html.Append("<section id=\"leaks\"><h2>Still allocated at exit</h2><p>Allocations made while recording and not freed by the end, by call site.</p>");
            SiteTable(html, recorder, "live at exit", live.Take(30));
            html.Append("</section>");
        }

        private static string SiteText(MemoryRecorder recorder, uint site)
        {
            if (site == 0)
            {
                return "(direct call)";
            }
            var symbol = recorder.Symbolize(site);
            return symbol == null ? "0x" + site.ToString("x8") : $"0x{site:x8} {symbol}";
        }
    }
}
