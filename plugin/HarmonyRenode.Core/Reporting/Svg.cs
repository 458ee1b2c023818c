using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;

namespace HarmonyRenode.Core.Reporting
{
    /// <summary>One named series of (x, y) points for <see cref="Svg.LineChart"/>.</summary>
    public sealed class ChartSeries
    {
        public ChartSeries(string name, string color, IReadOnlyList<(double X, double Y)> points)
        {
            Name = name;
            Color = color;
            Points = points;
        }

        public string Name { get; }

        public string Color { get; }

        public IReadOnlyList<(double X, double Y)> Points { get; }
    }

    /// <summary>
    /// The report's drawing: inline SVG text for step-line charts, grouped bar charts and the page map, with no script
    /// and no external resource. Kept here (not a chart library) because the report is also written inside Renode,
    /// which loads the netstandard2.0 core alone.
    /// </summary>
    public static class Svg
    {
        private const int Left = 70;
        private const int Bottom = 30;
        private const int Top = 10;
        private const int Right = 10;

        /// <summary>Step lines (a value holds until the next point), y from 0 to the largest value, with a legend.</summary>
        public static string LineChart(IReadOnlyList<ChartSeries> series, int width, int height, string xLabel, string yLabel)
        {
            double maxX = 0, maxY = 0, minX = double.MaxValue;
            foreach (var s in series)
            {
                foreach (var (x, y) in s.Points)
                {
                    maxX = Math.Max(maxX, x);
                    minX = Math.Min(minX, x);
                    maxY = Math.Max(maxY, y);
                }
            }
            if (minX == double.MaxValue)
            {
                minX = 0;
            }
            if (maxX <= minX)
            {
                maxX = minX + 1;
            }
            if (maxY <= 0)
            {
                maxY = 1;
            }
            var plotW = width - Left - Right;
            var plotH = height - Top - Bottom;
            double Px(double x) => Left + (x - minX) / (maxX - minX) * plotW;
            double Py(double y) => Top + plotH - y / maxY * plotH;

            var svg = Open(width, height);
            Axes(svg, width, height, Num(minX), Num(maxX), Num(maxY), xLabel, yLabel);
            var legendX = Left + 8;
            foreach (var s in series)
            {
                if (s.Points.Count > 0)
                {
                    var path = new StringBuilder();
                    for (var i = 0; i < s.Points.Count; i++)
                    {
                        var (x, y) = s.Points[i];
                        if (i == 0)
                        {
                            path.Append('M').Append(F(Px(x))).Append(',').Append(F(Py(y)));
                        }
                        else
                        {
                            path.Append('H').Append(F(Px(x))).Append('V').Append(F(Py(y)));
                        }
                    }
                    path.Append('H').Append(F(Px(maxX)));
                    svg.Append("<path class=\"series\" fill=\"none\" stroke=\"").Append(s.Color).Append("\" stroke-width=\"1.5\" d=\"")
                        .Append(path).Append("\"><title>").Append(Text(s.Name)).Append("</title></path>");
                }
                svg.Append("<rect x=\"").Append(legendX).Append("\" y=\"").Append(Top + 4).Append("\" width=\"10\" height=\"10\" fill=\"")
                    .Append(s.Color).Append("\"/><text x=\"").Append(legendX + 14).Append("\" y=\"").Append(Top + 13).Append("\">")
                    .Append(Text(s.Name)).Append("</text>");
                legendX += 24 + 7 * s.Name.Length;
            }
            return svg.Append("</svg>").ToString();
        }

        /// <summary>Bars per category, one bar per group side by side (e.g. free blocks per order: at exit, at peak).</summary>
        public static string BarChart(IReadOnlyList<string> categories, IReadOnlyList<(string Name, string Color, IReadOnlyList<double> Values)> groups,
            int width, int height, string xLabel, string yLabel)
        {
            double maxY = 1;
            foreach (var g in groups)
            {
                foreach (var v in g.Values)
                {
                    maxY = Math.Max(maxY, v);
                }
            }
            var plotW = width - Left - Right;
            var plotH = height - Top - Bottom;
            var slot = (double)plotW / Math.Max(1, categories.Count);
            var bar = slot * 0.8 / Math.Max(1, groups.Count);
            var svg = Open(width, height);
            Axes(svg, width, height, null, null, Num(maxY), xLabel, yLabel);
            for (var c = 0; c < categories.Count; c++)
            {
                for (var g = 0; g < groups.Count; g++)
                {
                    var value = groups[g].Values[c];
                    var h = value / maxY * plotH;
                    var x = Left + c * slot + slot * 0.1 + g * bar;
                    svg.Append("<rect class=\"bar\" x=\"").Append(F(x)).Append("\" y=\"").Append(F(Top + plotH - h)).Append("\" width=\"")
                        .Append(F(bar)).Append("\" height=\"").Append(F(h)).Append("\" fill=\"").Append(groups[g].Color).Append("\"><title>")
                        .Append(Text($"{categories[c]}, {groups[g].Name}: {Num(value)}")).Append("</title></rect>");
                }
                svg.Append("<text x=\"").Append(F(Left + c * slot + slot / 2)).Append("\" y=\"").Append(height - Bottom + 14)
                    .Append("\" text-anchor=\"middle\">").Append(Text(categories[c])).Append("</text>");
            }
            var legendX = Left + 8;
            foreach (var g in groups)
            {
                svg.Append("<rect x=\"").Append(legendX).Append("\" y=\"").Append(Top + 4).Append("\" width=\"10\" height=\"10\" fill=\"")
                    .Append(g.Color).Append("\"/><text x=\"").Append(legendX + 14).Append("\" y=\"").Append(Top + 13).Append("\">")
                    .Append(Text(g.Name)).Append("</text>");
                legendX += 24 + 7 * g.Name.Length;
            }
            return svg.Append("</svg>").ToString();
        }

        /// <summary>
        /// One cell per page, <paramref name="columns"/> to a row, coloured by <paramref name="colors"/>[owner]; runs of
        /// the same owner in a row are one rectangle, so a 64 MiB map stays a few hundred KiB.
        /// </summary>
        public static string PageMap(IReadOnlyList<int> owners, IReadOnlyList<string> colors, IReadOnlyList<string> names, int columns, int cell)
        {
            var rows = (owners.Count + columns - 1) / columns;
            var svg = Open(columns * cell, rows * cell);
            for (var row = 0; row < rows; row++)
            {
                var start = row * columns;
                var end = Math.Min(owners.Count, start + columns);
                for (var i = start; i < end;)
                {
                    var j = i + 1;
                    while (j < end && owners[j] == owners[i])
                    {
                        j++;
                    }
                    svg.Append("<rect class=\"pages\" x=\"").Append((i - start) * cell).Append("\" y=\"").Append(row * cell)
                        .Append("\" width=\"").Append((j - i) * cell).Append("\" height=\"").Append(cell).Append("\" fill=\"")
                        .Append(colors[owners[i]]).Append("\"><title>").Append(Text($"pages {i}..{j - 1}: {names[owners[i]]}"))
                        .Append("</title></rect>");
                    i = j;
                }
            }
            return svg.Append("</svg>").ToString();
        }

        public static string Text(string? value) => WebUtility.HtmlEncode(value ?? "");

        private static StringBuilder Open(int width, int height) => new StringBuilder()
            .Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(width).Append("\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height).Append("\">");

        private static void Axes(StringBuilder svg, int width, int height, string? minX, string? maxX, string maxY, string xLabel, string yLabel)
        {
            var x0 = Left;
            var y0 = height - Bottom;
            svg.Append("<g class=\"axes\" stroke=\"#444\"><line x1=\"").Append(x0).Append("\" y1=\"").Append(Top).Append("\" x2=\"").Append(x0)
                .Append("\" y2=\"").Append(y0).Append("\"/><line x1=\"").Append(x0).Append("\" y1=\"").Append(y0).Append("\" x2=\"")
                .Append(width - Right).Append("\" y2=\"").Append(y0).Append("\"/></g>");
            svg.Append("<text x=\"").Append(x0 - 4).Append("\" y=\"").Append(Top + 10).Append("\" text-anchor=\"end\">").Append(maxY).Append("</text>");
            svg.Append("<text x=\"").Append(x0 - 4).Append("\" y=\"").Append(y0).Append("\" text-anchor=\"end\">0</text>");
            if (minX != null)
            {
                svg.Append("<text x=\"").Append(x0).Append("\" y=\"").Append(y0 + 14).Append("\">").Append(minX).Append("</text>");
                svg.Append("<text x=\"").Append(width - Right).Append("\" y=\"").Append(y0 + 14).Append("\" text-anchor=\"end\">").Append(maxX).Append("</text>");
            }
            svg.Append("<text x=\"").Append((x0 + width - Right) / 2).Append("\" y=\"").Append(height - 2).Append("\" text-anchor=\"middle\">")
                .Append(Text(xLabel)).Append("</text>");
            svg.Append("<text x=\"12\" y=\"").Append((Top + y0) / 2).Append("\" text-anchor=\"middle\" transform=\"rotate(-90 12 ")
                .Append((Top + y0) / 2).Append(")\">").Append(Text(yLabel)).Append("</text>");
        }

        private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        private static string Num(double v) => v.ToString(v == Math.Floor(v) ? "#,0" : "0.###", CultureInfo.InvariantCulture);
    }
}
