using HarmonyRenode.Tests;
using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Docs
{
    /// <summary>Comments cite the repository's docs or the kernel, never a document outside the repository.</summary>
    public class SourceCitationTests
    {
        // The old document's section numbers ("spec", an optional "section" and a number) or a path into the
        // sibling "shared" folder; the character class keeps the pattern from matching itself.
        private static readonly Regex Forbidden = new Regex(@"\b[Ss]pec (section )?§?\s?[0-9]|\.\.[/]shared");

        private static readonly string[] SourceFolders = { "plugin", "firmware", "tests", "scripts", "robot-tests", "platforms" };

        private static readonly string[] SourceExtensions =
            { ".cs", ".c", ".h", ".S", ".ld", ".py", ".sh", ".robot", ".repl", ".resc", ".md", ".csproj", "Makefile" };

        private static bool IsBuildOutput(string path) =>
            path.Split(Path.DirectorySeparatorChar).Any(p => p == "bin" || p == "obj" || p == "build" || p == "artifacts");

        [Test]
        public void No_source_file_cites_a_document_outside_the_repository()
        {
            var offenders = SourceFolders
                .Select(f => Path.Combine(RepoPaths.Root, f))
                .Where(Directory.Exists)
                .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
                .Where(p => !IsBuildOutput(Path.GetRelativePath(RepoPaths.Root, p)))
                .Where(p => SourceExtensions.Any(e => p.EndsWith(e, StringComparison.Ordinal)))
                .SelectMany(p => File.ReadLines(p).Select((line, i) => (p, line, i)))
                .Where(x => Forbidden.IsMatch(x.line))
                .Select(x => $"{Path.GetRelativePath(RepoPaths.Root, x.p)}:{x.i + 1}")
                .ToArray();
            Assert.That(offenders, Is.Empty, "cite docs/memory-manager.md §N or the kernel file and function instead");
        }

        private static readonly Regex SectionCitation = new Regex(@"docs/memory-manager\.md §([0-9]+(?:\.[0-9]+)?)");

        [Test]
        public void Every_cited_memory_manager_section_exists()
        {
            var headings = new Regex(@"^#{2,3} ([0-9]+(?:\.[0-9]+)?)\.? ", RegexOptions.Multiline)
                .Matches(File.ReadAllText(Path.Combine(RepoPaths.Docs, "memory-manager.md")))
                .Select(m => m.Groups[1].Value).ToHashSet();
            var cited = SourceFolders
                .Select(f => Path.Combine(RepoPaths.Root, f))
                .Where(Directory.Exists)
                .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
                .Where(p => !IsBuildOutput(Path.GetRelativePath(RepoPaths.Root, p)))
                .Where(p => SourceExtensions.Any(e => p.EndsWith(e, StringComparison.Ordinal)))
                .SelectMany(p => SectionCitation.Matches(File.ReadAllText(p)).Select(m => m.Groups[1].Value))
                .Distinct().ToArray();
            Assert.That(cited, Is.Not.Empty);
            Assert.That(cited.Where(c => !headings.Contains(c)), Is.Empty, "cited sections missing from docs/memory-manager.md");
        }

        [Test]
        public void The_docs_that_comments_cite_exist()
        {
            foreach (var doc in new[] { "architecture.md", "memory-manager.md", "qemu-gdb.md", "kernel-index.md" })
                Assert.That(File.Exists(Path.Combine(RepoPaths.Docs, doc)), Is.True, doc);
        }
    }
}
