#nullable enable
using HarmonyRenode.Tests;
using HarmonyRenode.Core.Facade;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Docs
{
    /// <summary>
    /// The folders of the core use only the folders docs/architecture.md allows, read from the compiled types (base
    /// types, interfaces, fields, signatures and the type, method and field tokens of every method body), not from text.
    /// </summary>
    public class ArchitectureTests
    {
        private const string CoreNamespace = "HarmonyRenode.Core";
        private const string Root = "(root)";

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

        private static string? FolderOf(Type? type)
        {
            while (type != null && (type.HasElementType || type.IsGenericType && !type.IsGenericTypeDefinition))
                type = type.HasElementType ? type.GetElementType() : type.GetGenericTypeDefinition();
            var ns = type?.Namespace;
            if (ns == null || type!.Assembly != typeof(MemoryModel).Assembly)
                return null;
            if (ns == CoreNamespace)
                return Root;
            return ns.StartsWith(CoreNamespace + ".", StringComparison.Ordinal)
                ? ns.Substring(CoreNamespace.Length + 1).Split('.')[0]
                : null;
        }

        private static IEnumerable<Type> Expand(Type? type)
        {
            if (type == null)
                yield break;
            yield return type;
            if (type.HasElementType)
                foreach (var t in Expand(type.GetElementType()))
                    yield return t;
            if (type.IsGenericType)
                foreach (var t in type.GetGenericArguments().SelectMany(Expand))
                    yield return t;
        }

        private static IEnumerable<Type> BodyReferences(MethodBase method)
        {
            byte[]? il;
            try { il = method.GetMethodBody()?.GetILAsByteArray(); }
            catch (Exception) { il = null; }
            if (il == null)
                yield break;
            var module = method.Module;
            var typeArgs = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
            var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
            for (var i = 0; i < il.Length;)
            {
                short value = il[i++];
                if (value == 0xFE)
                    value = (short)(0xFE00 | il[i++]);
                var op = OpCodesByValue[value];
                switch (op.OperandType)
                {
                    case OperandType.InlineType:
                    case OperandType.InlineTok:
                    case OperandType.InlineMethod:
                    case OperandType.InlineField:
                        var token = BitConverter.ToInt32(il, i);
                        i += 4;
                        MemberInfo? member;
                        try { member = module.ResolveMember(token, typeArgs, methodArgs); }
                        catch (Exception) { member = null; }
                        switch (member)
                        {
                            case Type t: yield return t; break;
                            case FieldInfo f: yield return f.DeclaringType!; yield return f.FieldType; break;
                            case MethodBase m:
                                yield return m.DeclaringType!;
                                if (m is MethodInfo mi) yield return mi.ReturnType;
                                foreach (var p in m.GetParameters()) yield return p.ParameterType;
                                break;
                        }
                        break;
                    case OperandType.InlineSwitch:
                        i += 4 + 4 * BitConverter.ToInt32(il, i);
                        break;
                    case OperandType.InlineNone: break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar: i += 1; break;
                    case OperandType.InlineVar: i += 2; break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR: i += 8; break;
                    default: i += 4; break;
                }
            }
        }

        private static IEnumerable<Type> References(Type type)
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                     BindingFlags.Static | BindingFlags.DeclaredOnly;
            var refs = new List<Type?> { type.BaseType };
            refs.AddRange(type.GetInterfaces());
            refs.AddRange(type.GetFields(all).Select(f => f.FieldType));
            refs.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
            refs.AddRange(type.GetEvents(all).Select(e => e.EventHandlerType));
            foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (m is MethodInfo mi)
                    refs.Add(mi.ReturnType);
                refs.AddRange(m.GetParameters().Select(p => p.ParameterType));
                refs.AddRange(BodyReferences(m));
            }
            return refs.SelectMany(Expand);
        }

        /// <summary>folder -> folders its types use (itself excluded).</summary>
        private static Dictionary<string, SortedSet<string>> ActualDependencies()
        {
            var deps = new Dictionary<string, SortedSet<string>>();
            foreach (var type in typeof(MemoryModel).Assembly.GetTypes())
            {
                var from = FolderOf(type);
                if (from == null)
                    continue;
                foreach (var to in References(type).Select(FolderOf).Where(f => f != null && f != from))
                {
                    if (!deps.TryGetValue(from, out var set))
                        deps[from] = set = new SortedSet<string>(StringComparer.Ordinal);
                    set.Add(to!);
                }
            }
            return deps;
        }

        private static IEnumerable<string[]> TableRows(string marker)
        {
            var text = File.ReadAllText(Path.Combine(RepoPaths.Docs, "architecture.md"));
            var m = Regex.Match(text, $"<!-- {marker} -->(.*?)<!-- /{marker} -->", RegexOptions.Singleline);
            Assert.That(m.Success, Is.True, $"docs/architecture.md has no {marker} table");
            return m.Groups[1].Value.Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.StartsWith("|", StringComparison.Ordinal) && !l.StartsWith("|---", StringComparison.Ordinal))
                .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())
                .Skip(1); // header
        }

        private static Dictionary<string, HashSet<string>> Allowed() =>
            TableRows("allowed-dependencies").ToDictionary(
                r => r[0],
                r => new HashSet<string>(Regex.Matches(r[2], @"\(root\)|\w+").Select(m => m.Value)));

        private static string Describe(Dictionary<string, SortedSet<string>> deps) =>
            string.Join("; ", deps.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} -> {string.Join(" ", d.Value)}"));

        [Test]
        public void The_reader_sees_the_layers_it_is_meant_to_check()
        {
            var deps = ActualDependencies();
            Assert.That(deps["Vm"], Does.Contain("Mmu").And.Contain("Pages"));
            Assert.That(deps["Heap"], Does.Contain("Pages"));
        }

        [Test]
        public void Every_folder_of_the_core_is_in_the_architecture_table()
        {
            var folders = typeof(MemoryModel).Assembly.GetTypes().Select(FolderOf).Where(f => f != null).Distinct();
            Assert.That(folders.Where(f => !Allowed().ContainsKey(f!)), Is.Empty);
        }

        [Test]
        public void No_folder_uses_a_folder_the_architecture_page_forbids()
        {
            var allowed = Allowed();
            var violations = ActualDependencies()
                .SelectMany(d => d.Value.Select(to => (from: d.Key, to)))
                .Where(p => !(allowed.TryGetValue(p.from, out var ok) && ok.Contains(p.to)))
                .Select(p => $"{p.from} -> {p.to}");
            Assert.That(violations, Is.Empty, "docs/architecture.md forbids these uses; the core's folders use: " + Describe(ActualDependencies()));
        }

        [Test]
        public void The_table_allows_no_cycle_between_folders()
        {
            // A folder may use only folders that cannot reach it back: with the test above, no two folders of the
            // core ever use each other, directly or through others.
            var allowed = Allowed();
            var cycles = allowed.Keys.Where(folder => Reaches(allowed, folder, folder, new HashSet<string>())).ToArray();
            Assert.That(cycles, Is.Empty, "docs/architecture.md lets these folders reach themselves");
        }

        [Test]
        public void The_cycle_check_sees_a_cycle()
        {
            var allowed = new Dictionary<string, HashSet<string>>
            {
                ["Vm"] = new HashSet<string> { "Mmu" },
                ["Mmu"] = new HashSet<string> { "Pages", "Vm" },
                ["Pages"] = new HashSet<string>(),
            };
            Assert.That(Reaches(allowed, "Vm", "Vm", new HashSet<string>()), Is.True);
            Assert.That(Reaches(allowed, "Pages", "Pages", new HashSet<string>()), Is.False);
        }

        [Test]
        public void The_root_namespace_uses_no_folder()
        {
            Assert.That(ActualDependencies().TryGetValue(Root, out var used) ? used : new SortedSet<string>(), Is.Empty);
        }

        private static bool Reaches(Dictionary<string, HashSet<string>> allowed, string from, string target, HashSet<string> seen)
        {
            if (!allowed.TryGetValue(from, out var next))
                return false;
            foreach (var to in next.Where(t => t != from))
            {
                if (to == target)
                    return true;
                if (seen.Add(to) && Reaches(allowed, to, target, seen))
                    return true;
            }
            return false;
        }
    }
}
