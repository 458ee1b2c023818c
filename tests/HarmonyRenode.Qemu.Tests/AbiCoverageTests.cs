using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HarmonyRenode.Tests;
using HarmonyRenode.Core.Guest;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests
{
    /// <summary>firmware/ABI.md's coverage table against the hook table and the firmware's headers.</summary>
    public class AbiCoverageTests
    {
        private static readonly Regex Row = new Regex(@"^\| `(?<name>\w+)` \| (?<header>[\w.]+) \| (?<status>.+) \|$");

        private static (string Name, string Status)[] Rows() =>
            File.ReadAllLines(Path.Combine(RepoPaths.Firmware, "ABI.md"))
                .SkipWhile(line => line != "### Coverage of the public memory API")
                .Skip(1)
                .TakeWhile(line => !line.StartsWith("#"))
                .Select(line => Row.Match(line))
                .Where(m => m.Success)
                .Select(m => (m.Groups["name"].Value, m.Groups["status"].Value))
                .ToArray();

        [Test]
        public void HookTableMatchesTheAbi()
        {
            var rows = Rows();
            var served = rows.Where(r => r.Status == "served").Select(r => r.Name);
            var hooked = LosMemoryHooks.SymbolNames.Where(n => !n.StartsWith("hr_"));

            Assert.That(rows.Select(r => r.Name), Is.Unique);
            Assert.That(served, Is.EquivalentTo(hooked));
        }

        [Test]
        public void The_firmwares_hypercall_table_has_the_hosts_slot_count_and_room_for_every_hook()
        {
            var header = File.ReadAllText(Path.Combine(RepoPaths.Firmware, "include", "hr_hypercall.h"));
            var slots = int.Parse(Regex.Match(header, @"#define HR_HYPERCALL_SLOTS (\d+)").Groups[1].Value);

            Assert.That(slots, Is.EqualTo(HarmonyRenode.Core.Guest.Hypercalls.MailboxLayout.Slots));
            Assert.That(LosMemoryHooks.SymbolNames.Count() + 1, Is.LessThanOrEqualTo(slots), "the hooks and hr_exit_host");
        }

        [Test]
        public void Every_function_not_served_says_why()
        {
            var notServed = Rows().Where(r => r.Status != "served").ToArray();

            Assert.That(notServed, Is.Not.Empty);
            foreach (var (name, status) in notServed)
            {
                Assert.That(status, Does.Match(@"^not served: \S.{10,}"), name);
            }
        }

        [Test]
        public void Every_prototype_in_the_firmware_headers_is_in_the_table()
        {
            var prototype = new Regex(@"\b(?<name>LOS_\w+|OsCreateUserVmSpace)\(");
            var declared = Directory.GetFiles(Path.Combine(RepoPaths.Firmware, "include"), "los_*.h")
                .SelectMany(File.ReadAllLines)
                .Where(line => !line.TrimStart().StartsWith("#") && !line.TrimStart().StartsWith("*"))
                .Where(line => !line.Contains("static inline")) // header inlines (los_list.h) run in the guest
                .SelectMany(line => prototype.Matches(line).Cast<Match>().Select(m => m.Groups["name"].Value))
                .Distinct();

            Assert.That(Rows().Where(r => r.Status == "served").Select(r => r.Name), Is.SupersetOf(declared));
        }

        [Test]
        public void The_hypercall_table_has_the_slots_the_host_assigns_and_room_for_every_hook()
        {
            var header = File.ReadAllText(Path.Combine(RepoPaths.Firmware, "include", "hr_hypercall.h"));
            var slots = int.Parse(Regex.Match(header, @"#define HR_HYPERCALL_SLOTS (\d+)").Groups[1].Value);

            Assert.That(slots, Is.EqualTo(HarmonyRenode.Core.Guest.Hypercalls.MailboxLayout.Slots));
            Assert.That(LosMemoryHooks.SymbolNames.Count() + 1, Is.LessThanOrEqualTo(slots), "the hooks and hr_exit_host");
        }
    }
}
