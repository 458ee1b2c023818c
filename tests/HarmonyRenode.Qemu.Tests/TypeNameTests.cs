using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using HarmonyRenode.Tests;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests
{
    /// <summary>
    /// No two types of the product share a simple name, so a reader never needs an alias or a full name to tell them
    /// apart: the core, the QEMU engines and the CLI by reflection (nested and compiler-generated types included,
    /// except the compiler's own), the Renode adapter, which only Renode compiles, by its declarations.
    /// </summary>
    public class TypeNameTests
    {
        private static readonly Assembly[] Product =
        {
            typeof(Core.Facade.MemoryModel).Assembly,
            typeof(QemuEngine).Assembly,
            typeof(HarmonyRenode.Cli.Program).Assembly,
        };

        private static readonly Regex Declaration = new Regex(@"\b(?:class|struct|interface|enum|record)\s+([A-Z]\w*)");

        private static string Simple(Type t) => t.IsGenericType ? t.Name.Substring(0, t.Name.IndexOf('`')) : t.Name;

        private static (string Name, string Where)[] ProductTypes()
        {
            var compiled = Product.SelectMany(a => a.GetTypes())
                // The project's own types: not the compiler's, nor the polyfills a source generator adds in System.
                .Where(t => t.Namespace != null && t.Namespace.StartsWith("HarmonyRenode", StringComparison.Ordinal))
                .Where(t => !t.Name.Contains('<') && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false))
                .Select(t => (Simple(t), t.FullName!));
            var renode = Directory.GetFiles(Path.Combine(RepoPaths.Root, "plugin", "HarmonyRenode.Renode"), "*.cs")
                .SelectMany(f => Declaration.Matches(File.ReadAllText(f)).Select(m => (m.Groups[1].Value, "plugin/HarmonyRenode.Renode/" + Path.GetFileName(f))));
            return compiled.Concat(renode).ToArray();
        }

        [Test]
        public void The_reader_sees_the_product_types()
        {
            var names = ProductTypes().Select(t => t.Name).ToArray();
            Assert.That(names, Does.Contain("MemoryModel").And.Contain("QemuEngine").And.Contain("LiteOsMemoryManager").And.Contain("VmPhys"));
        }

        /// <summary>
        /// The same rule over every C# file of the solution, tests and the benchmark program included (by declaration:
        /// one type may be declared in several files only as the partial parts of one class in one folder).
        /// </summary>
        [Test]
        public void No_two_types_of_the_solution_share_a_name()
        {
            var declarations = new[] { "plugin", "tests" }
                .SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, d), "*.cs", SearchOption.AllDirectories))
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part == "bin" || part == "obj"))
                .SelectMany(f => PartialDeclaration.Matches(LineComment.Replace(File.ReadAllText(f), "")).Select(m => (
                    Name: m.Groups[2].Value,
                    Partial: m.Groups[1].Success,
                    Folder: Path.GetRelativePath(RepoPaths.Root, Path.GetDirectoryName(f)!))))
                .ToArray();
            Assert.That(declarations.Select(d => d.Name), Does.Contain("MemoryModel").And.Contain("ModelBenchmarks").And.Contain("TypeNameTests"));
            var shared = declarations.GroupBy(d => d.Name, StringComparer.Ordinal)
                .Where(g => g.Count() > 1 && !(g.All(d => d.Partial) && g.Select(d => d.Folder).Distinct().Count() == 1))
                .Select(g => $"{g.Key}: {string.Join(", ", g.Select(d => d.Folder).Distinct())}");
            Assert.That(shared, Is.Empty);
        }

        /// <summary>A comment may name a type in prose ("enum DmaMemType (los_vm_iomap.h)"): only code declares.</summary>
        private static readonly Regex LineComment = new Regex(@"//.*");

        private static readonly Regex PartialDeclaration =
            new Regex(@"\b(partial\s+)?(?:class|struct|interface|enum|record)\s+([A-Z]\w*)");

        [Test]
        public void No_two_product_types_share_a_simple_name()
        {
            var shared = ProductTypes().GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
                .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.Where))}");
            Assert.That(shared, Is.Empty);
        }
    }
}
