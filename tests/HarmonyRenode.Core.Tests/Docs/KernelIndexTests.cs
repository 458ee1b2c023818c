using HarmonyRenode.Tests;
using HarmonyRenode.Core.Facade;
using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Docs
{
    /// <summary>docs/kernel-index.md lists every public core method that carries a kernel function's name.</summary>
    public class KernelIndexTests
    {
        private static readonly Regex KernelName = new Regex(@"^(LOS_|Os[A-Z])");

        private static string TypeName(Type t) => t.IsGenericType ? t.Name.Substring(0, t.Name.IndexOf('`')) : t.Name;

        private static string[] KernelNamedMethods() =>
            typeof(MemoryModel).Assembly.GetExportedTypes()
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static |
                                              BindingFlags.DeclaredOnly)
                    .Where(m => !m.IsSpecialName && KernelName.IsMatch(m.Name))
                    .Select(m => $"{TypeName(t)}.{m.Name}"))
                .Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();

        [Test]
        public void The_core_has_kernel_named_methods_to_index()
        {
            // Guards the reflection query itself: the facade and VmMap keep the kernel's names.
            Assert.That(KernelNamedMethods(), Does.Contain("VmMap.LOS_RegionAlloc").And.Contain("MemoryModel.LOS_MemAlloc"));
        }

        [Test]
        public void Every_public_core_method_named_after_a_kernel_function_is_in_the_index()
        {
            var index = File.ReadAllText(Path.Combine(RepoPaths.Docs, "kernel-index.md"));
            var missing = KernelNamedMethods().Where(m => !index.Contains("`" + m + "`")).ToArray();
            Assert.That(missing, Is.Empty,
                "missing from docs/kernel-index.md (regenerate with scripts/kernel-index.py): " + string.Join(", ", missing));
        }

        [Test]
        public void Every_index_row_names_a_kernel_file_and_function()
        {
            var rows = File.ReadAllLines(Path.Combine(RepoPaths.Docs, "kernel-index.md"))
                .Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToArray();
            Assert.That(rows, Is.Not.Empty);
            Assert.That(rows.Where(r => !Regex.IsMatch(r, @"^\| `[a-z_0-9]+\.[ch]:(LOS_|Os)[A-Za-z0-9_]+` \|")), Is.Empty);
        }
    }
}
