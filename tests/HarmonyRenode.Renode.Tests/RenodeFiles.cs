using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HarmonyRenode.Tests;
using NUnit.Framework;

namespace HarmonyRenode.Renode.Tests
{
    /// <summary>
    /// The Renode files of the checkout and the paths they name. Renode cannot run in CI, so these tests hold the files
    /// to what CI can see: every referenced file exists (or is what a script of ours builds).
    /// </summary>
    public static class RenodeFiles
    {
        public static string Root => RepoPaths.Root;

        public static IEnumerable<string> Matching(string folder, string pattern) =>
            Directory.GetFiles(Path.Combine(Root, folder), pattern).OrderBy(f => f);

        /// <summary>
        /// Paths as the files write them: `@$ORIGIN/…` in .resc and `${CURDIR}/…` in .robot (the file's folder),
        /// `${ROOT}/…` in .robot (a variable that must be `${CURDIR}/..`, the checkout), a keyword argument
        /// `firmware/build/X.elf` (relative to the checkout), and `root + '/…'` in the .resc's Python lines (root is
        /// the checkout). Paths still completed by a variable (ending in '/') are left out. Returns them absolute.
        /// </summary>
        public static IEnumerable<string> ReferencedPaths(string file)
        {
            var folder = Path.GetDirectoryName(file);
            var text = File.ReadAllText(file);
            var rootDefinition = new Regex(@"^\$\{ROOT\}\s+\$\{CURDIR\}/\.\.[ \t]*$", RegexOptions.Multiline);
            if (text.Contains("${ROOT}"))
            {
                Assert.That(rootDefinition.IsMatch(text), Is.True, $"{Path.GetFileName(file)} defines ${{ROOT}} as ${{CURDIR}}/..");
                text = rootDefinition.Replace(text, "");
            }
            foreach (Match m in Regex.Matches(text, @"\$\{ROOT\}(/[A-Za-z0-9_./\-]+)"))
            {
                if (!m.Groups[1].Value.EndsWith("/"))
                {
                    yield return Path.GetFullPath(Root + m.Groups[1].Value);
                }
            }
            foreach (Match m in Regex.Matches(text, @"(?<=\s)firmware/build/[A-Za-z0-9_/]+\.elf\b"))
            {
                yield return Path.GetFullPath(Path.Combine(Root, m.Value));
            }
            foreach (Match m in Regex.Matches(text, @"(?:\$ORIGIN|\$\{CURDIR\})(/[A-Za-z0-9_./\-]+)"))
            {
                yield return Path.GetFullPath(folder + m.Groups[1].Value);
            }
            foreach (Match m in Regex.Matches(text, @"root \+ '(/[A-Za-z0-9_./\-]+)'"))
            {
                if (!m.Groups[1].Value.EndsWith("/"))
                {
                    yield return Path.GetFullPath(Root + m.Groups[1].Value);
                }
            }
        }

        /// <summary>
        /// A built file stands for its source: firmware/build/X.elf is made by `make -C firmware` from programs/X.c,
        /// firmware/build/device/X.elf from firmware/device, and
        /// artifacts/renode/HarmonyRenode.Core.dll and HarmonyRenode.Renode.dll by scripts/build-renode-plugin.sh from
        /// their projects.
        /// </summary>
        public static string SourceOf(string path)
        {
            var relative = Path.GetRelativePath(Root, path).Replace('\\', '/');
            var elf = Regex.Match(relative, @"^firmware/build/(\w+)\.elf$");
            if (elf.Success)
            {
                return Path.Combine(Root, "firmware", "programs", elf.Groups[1].Value + ".c");
            }
            var device = Regex.Match(relative, @"^firmware/build/device/(\w+)\.elf$");
            if (device.Success)
            {
                return Path.Combine(Root, "firmware", "device", "device.ld"); // `make -C firmware device`
            }
            if (relative == "artifacts/renode/HarmonyRenode.Core.dll")
            {
                return Path.Combine(Root, "plugin", "HarmonyRenode.Core", "HarmonyRenode.Core.csproj");
            }
            if (relative == "artifacts/renode/HarmonyRenode.Renode.dll")
            {
                // `scripts/build-renode-plugin.sh --renode DIR`; without it the .resc compiles the adapter's sources
                return Path.Combine(Root, "plugin", "HarmonyRenode.Renode", "HarmonyRenode.Renode.csproj");
            }
            return path;
        }
    }
}
