using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Reporting
{
    /// <summary>The figures of the shell's `pmm` and `free` as `--diagnostics` prints them at hr_exit.</summary>
    public sealed class ShellFigures
    {
        public long FreePages { get; private set; }

        public long[] FreeBlocks { get; private set; }

        public long UsedBytes { get; private set; }

        public long HeapUsedBytes { get; private set; }

        public static ShellFigures Parse(string diagnostics)
        {
            var pmm = Regex.Match(diagnostics, @"pmm pages: total = (\d+), used = (\d+), free = (\d+)");
            Assert.That(pmm.Success, Is.True, "no pmm totals in:\n" + diagnostics);
            var blocks = Regex.Matches(diagnostics, @"order = (\d), free_count = (\d+)").Select(m => long.Parse(m.Groups[2].Value)).ToArray();
            Assert.That(blocks, Has.Length.EqualTo(9));
            var free = diagnostics.Substring(diagnostics.IndexOf("--- free ---"));
            var mem = Regex.Match(free, @"Mem:\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)");
            Assert.That(mem.Success, Is.True, "no free line in:\n" + free);
            return new ShellFigures
            {
                FreePages = long.Parse(pmm.Groups[3].Value),
                FreeBlocks = blocks,
                UsedBytes = long.Parse(mem.Groups[2].Value),
                HeapUsedBytes = long.Parse(mem.Groups[4].Value),
            };
        }
    }
}
