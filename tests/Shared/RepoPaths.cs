using System.IO;
using System.Linq;
using System.Reflection;
using NUnit.Framework;

namespace HarmonyRenode.Tests
{
    /// <summary>
    /// The checkout, as recorded when the tests were built (no absolute paths in the repository). One file, linked into
    /// every test project that reads the tree.
    /// </summary>
    public static class RepoPaths
    {
        public static string Root
        {
            get
            {
                var root = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                    .First(a => a.Key == "RepoRoot").Value;
                Assert.That(File.Exists(Path.Combine(root, "HarmonyRenode.sln")), Is.True, $"no HarmonyRenode.sln in {root}");
                return root;
            }
        }

        public static string Firmware => Path.Combine(Root, "firmware");

        public static string Docs => Path.Combine(Root, "docs");
    }
}
