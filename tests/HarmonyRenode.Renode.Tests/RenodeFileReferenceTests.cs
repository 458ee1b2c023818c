using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace HarmonyRenode.Renode.Tests
{
    public class RenodeFileReferenceTests
    {
        [Test]
        public void Every_path_in_the_resc_and_robot_files_exists_or_is_built_from_a_file_that_does()
        {
            var files = RenodeFiles.Matching("scripts", "*.resc").Concat(RenodeFiles.Matching("robot-tests", "*.robot")).ToList();
            Assert.That(files, Is.Not.Empty);
            foreach (var file in files)
            {
                var paths = RenodeFiles.ReferencedPaths(file).ToList();
                Assert.That(paths, Is.Not.Empty, file);
                foreach (var path in paths)
                {
                    Assert.That(File.Exists(RenodeFiles.SourceOf(path)), Is.True, $"{Path.GetFileName(file)} names {path}");
                }
            }
        }

        [Test]
        public void The_script_builds_the_core_assembly_where_the_resc_loads_it()
        {
            var build = File.ReadAllText(Path.Combine(RenodeFiles.Root, "scripts", "build-renode-plugin.sh"));
            var resc = File.ReadAllText(Path.Combine(RenodeFiles.Root, "scripts", "harmony-renode.resc"));

            Assert.That(build, Does.Contain("artifacts/renode"));
            Assert.That(resc, Does.Contain("artifacts/renode/HarmonyRenode.Core.dll"));
        }

        [Test]
        public void The_script_builds_the_prebuilt_adapter_where_the_resc_loads_it_only_when_newer_than_its_sources()
        {
            var build = File.ReadAllText(Path.Combine(RenodeFiles.Root, "scripts", "build-renode-plugin.sh"));
            var resc = File.ReadAllText(Path.Combine(RenodeFiles.Root, "scripts", "harmony-renode.resc"));

            Assert.That(build, Does.Contain("plugin/HarmonyRenode.Renode/HarmonyRenode.Renode.csproj"));
            Assert.That(build, Does.Contain("-o artifacts/renode"));
            Assert.That(resc, Does.Contain("root + '/artifacts/renode/HarmonyRenode.Renode.dll'"));
            Assert.That(resc, Does.Contain("GetLastWriteTimeUtc(hr_adapter) > System.IO.File.GetLastWriteTimeUtc(f) for f in hr_sources"));
            Assert.That(resc, Does.Contain("if not hr_prebuilt: monitor.Parse('include '"), "the sources are compiled otherwise");
        }

        [Test]
        public void The_adapter_project_compiles_every_adapter_source_file()
        {
            // The SDK's default globbing compiles every .cs of the folder, the same files the .resc includes.
            var project = File.ReadAllText(Path.Combine(RenodeFiles.Root, "plugin", "HarmonyRenode.Renode", "HarmonyRenode.Renode.csproj"));
            Assert.That(project, Does.Not.Contain("EnableDefaultCompileItems"));
            Assert.That(project, Does.Not.Contain("Compile Remove"));
            Assert.That(project, Does.Contain("$(RenodeDir)/Infrastructure.dll"));
        }

        [Test]
        public void The_resc_compiles_every_adapter_source_file()
        {
            var resc = File.ReadAllText(Path.Combine(RenodeFiles.Root, "scripts", "harmony-renode.resc"));
            var adapter = RenodeFiles.Matching(Path.Combine("plugin", "HarmonyRenode.Renode"), "*.cs").Select(Path.GetFileNameWithoutExtension);
            var included = Regex.Match(resc, @"'/plugin/HarmonyRenode\.Renode/' \+ name \+ '\.cs'\) for name in \[([^\]]*)\]");

            Assert.That(included.Success, Is.True, "the include of the adapter's files");
            var names = Regex.Matches(included.Groups[1].Value, "'(\\w+)'").Select(m => m.Groups[1].Value).ToList();
            Assert.That(names, Is.EquivalentTo(adapter));
            Assert.That(names.Last(), Is.EqualTo("LiteOsMemoryManager"), "the peripheral compiles after the ports it uses");
        }

        [Test]
        public void Repl_types_and_constructor_parameters_are_the_adapters()
        {
            var repl = File.ReadAllText(Path.Combine(RenodeFiles.Root, "platforms", "liteos-a-memory-manager.repl"));
            var peripheral = File.ReadAllText(Path.Combine(RenodeFiles.Root, "plugin", "HarmonyRenode.Renode", "LiteOsMemoryManager.cs"));

            var type = Regex.Match(repl, @"^mm: Miscellaneous\.(\w+) @ sysbus", RegexOptions.Multiline);
            Assert.That(type.Success, Is.True);
            Assert.That(peripheral, Does.Contain("namespace Antmicro.Renode.Peripherals.Miscellaneous\n"));
            var constructor = Regex.Match(peripheral, $@"public {type.Groups[1].Value}\(IMachine machine, ([^)]*)\)");
            Assert.That(constructor.Success, Is.True, "the constructor Renode binds");
            foreach (Match attribute in Regex.Matches(repl, @"^    (\w+): ", RegexOptions.Multiline))
            {
                Assert.That(constructor.Groups[1].Value, Does.Contain(" " + attribute.Groups[1].Value), attribute.Value);
            }
        }

        [Test]
        public void Every_firmware_program_has_a_transcript_and_a_robot_test_case()
        {
            var suites = string.Join("\n", RenodeFiles.Matching("robot-tests", "*.robot").Select(File.ReadAllText));
            var programs = RenodeFiles.Matching(Path.Combine("firmware", "programs"), "*.c")
                .Select(Path.GetFileNameWithoutExtension)
                .Where(name => !name.EndsWith("_user"));

            foreach (var program in programs)
            {
                Assert.That(File.Exists(Path.Combine(RenodeFiles.Root, "firmware", "transcripts", program + ".txt")), Is.True, program);
                Assert.That(suites, Does.Contain($"firmware/build/{program}.elf"), program);
            }
        }

        [Test]
        public void Robot_suites_have_test_cases_and_only_the_sections_renode_suites_use()
        {
            var allowed = new[] { "Settings", "Variables", "Keywords", "Test Cases" };
            foreach (var suite in RenodeFiles.Matching("robot-tests", "*.robot"))
            {
                var sections = Regex.Matches(File.ReadAllText(suite), @"^\*\*\* (.+) \*\*\*", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
                Assert.That(sections, Does.Contain("Test Cases"), suite);
                Assert.That(sections, Is.SubsetOf(allowed), suite);
                Assert.That(sections, Is.Unique, suite);
            }
        }
    }
}
