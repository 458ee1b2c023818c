using System.Collections.Generic;
using System.Text.RegularExpressions;
using HarmonyRenode.Core.Reporting;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Reporting
{
    public class SvgTests
    {
        [Test]
        public void Page_map_draws_one_rectangle_per_run_of_an_owner_within_a_row()
        {
            var svg = Svg.PageMap(new[] { 0, 0, 1, 1, 1, 0 }, new[] { "#aaa", "#f00" }, new[] { "free", "heap" }, 3, 4);

            var rects = Regex.Matches(svg, "<rect class=\"pages\" x=\"(\\d+)\" y=\"(\\d+)\" width=\"(\\d+)\" height=\"4\" fill=\"([^\"]+)\"");
            Assert.That(rects.Count, Is.EqualTo(4));
            var drawn = new List<string>();
            foreach (Match r in rects)
            {
                drawn.Add($"{r.Groups[1]},{r.Groups[2]},{r.Groups[3]},{r.Groups[4]}");
            }
            Assert.That(drawn, Is.EqualTo(new[] { "0,0,8,#aaa", "8,0,4,#f00", "0,4,8,#f00", "8,4,4,#aaa" }));
            Assert.That(svg, Does.Contain("width=\"12\" height=\"8\""));
            Assert.That(svg, Does.Contain("<title>pages 2..4: heap</title>").Or.Contain("<title>pages 2..2: heap</title>"));
        }

        [Test]
        public void Line_chart_maps_the_data_range_onto_the_plot_area_as_steps()
        {
            // 200x100: plot from x 70 to 190 and y 10 (max) to 70 (zero).
            var svg = Svg.LineChart(new[] { new ChartSeries("used", "#c00", new[] { (0.0, 0.0), (5.0, 10.0), (10.0, 5.0) }) }, 200, 100, "t", "bytes");

            Assert.That(svg, Does.Contain("d=\"M70,70H130V10H190V40H190\""));
            Assert.That(svg, Does.Contain(">used</text>"));
        }

        [Test]
        public void Bar_chart_bars_are_proportional_to_their_values()
        {
            // 200x100: plot height 60 (y 10..70); two categories, one group.
            var svg = Svg.BarChart(new[] { "a", "b" }, new List<(string, string, IReadOnlyList<double>)> { ("n", "#00f", new[] { 1.0, 4.0 }) },
                200, 100, "x", "y");

            var heights = Regex.Matches(svg, "<rect class=\"bar\" x=\"[^\"]+\" y=\"([^\"]+)\" width=\"[^\"]+\" height=\"([^\"]+)\"");
            Assert.That(heights.Count, Is.EqualTo(2));
            Assert.That(heights[0].Groups[2].Value, Is.EqualTo("15"));
            Assert.That(heights[1].Groups[2].Value, Is.EqualTo("60"));
            Assert.That(heights[1].Groups[1].Value, Is.EqualTo("10"));
        }

        [Test]
        public void Text_in_charts_is_escaped()
        {
            Assert.That(Svg.Text("a<b&\"c\""), Is.EqualTo("a&lt;b&amp;&quot;c&quot;"));
        }
    }
}
