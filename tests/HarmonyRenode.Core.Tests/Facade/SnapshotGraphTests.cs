using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Tests.Oracle;
using HarmonyRenode.Core.Vm;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Facade
{
    /// <summary>
    /// Renode saves a machine with Migrant, which walks every field of every object the peripheral reaches and refuses
    /// pointers, IntPtr (a weak table's handles hold one), ThreadLocal and SpinLock. The model and the oracle are in
    /// that graph, so a field of such a type anywhere in them breaks `Save` (robot-tests/snapshots.robot). This test
    /// walks the same graph after every kind of operation has run, without Renode.
    /// </summary>
    public class SnapshotGraphTests
    {
        [Test]
        public void The_model_and_the_oracle_hold_nothing_Renode_snapshots_refuse()
        {
            var o = new OracleFixture();
            var m = o.F.Manager;
            var api = o.From(0x40000100);
            api.LOS_MemAlloc(m.SystemPool, 100);
            api.LOS_KernelMalloc(0x5000);
            api.LOS_VMalloc(0x3000);
            var space = o.F.EnterUserSpace();
            Assert.That(space, Is.Not.Zero);
            var va = m.LOS_MMap(0, 0x2000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);
            // A demand fault makes the fault path's per-space view.
            o.F.Api.OsArmSharedPageFault(false, ManagerFixture.FsrTranslationPage | ManagerFixture.FsrWrite, va, ManagerFixture.UsrCpsr);
            Assert.That(m.ShmInit(), Is.EqualTo(LosReturn.Ok));
            var shmid = m.ShmGet(0, 0x1000, 0x200 | 0x180);
            Assert.That(m.ShmAt(shmid, 0, 0), Is.Not.EqualTo(uint.MaxValue));

            var refused = Refused(o.Api);

            Assert.That(refused, Is.Empty);
        }

        [Test]
        public void The_walk_finds_a_weak_table_handle()
        {
            // The check itself: a ConditionalWeakTable, as VmFaultView held before, is found.
            var holder = new Tuple<ConditionalWeakTable<object, object>>(new ConditionalWeakTable<object, object>());
            holder.Item1.Add(new object(), new object());

            Assert.That(Refused(holder), Is.Not.Empty);
        }

        /// <summary>Paths (type.field) to the fields Migrant refuses, reached from <paramref name="root"/>.</summary>
        private static List<string> Refused(object root)
        {
            var refused = new List<string>();
            var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
            var pending = new Stack<object>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (current == null || !seen.Add(current) || IsEnginePort(current) || current is Type || current is MemberInfo || current is string)
                {
                    continue;
                }
                if (current is Delegate d)
                {
                    // Migrant saves a delegate as its targets and methods.
                    foreach (var target in d.GetInvocationList().Select(x => x.Target))
                    {
                        pending.Push(target);
                    }
                    continue;
                }
                var type = current.GetType();
                if (type.IsArray)
                {
                    var element = type.GetElementType();
                    if (IsRefused(element))
                    {
                        refused.Add($"{type.Name} elements");
                    }
                    else if (!element.IsPrimitive)
                    {
                        foreach (var item in (Array)current)
                        {
                            pending.Push(item);
                        }
                    }
                    continue;
                }
                for (var t = type; t != null; t = t.BaseType)
                {
                    foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        if (IsRefused(field.FieldType))
                        {
                            refused.Add($"{t.Name}.{field.Name}");
                        }
                        else if (!field.FieldType.IsPrimitive)
                        {
                            pending.Push(field.GetValue(current));
                        }
                    }
                }
            }
            return refused;
        }

        private static bool IsRefused(Type type) =>
            type.IsPointer || type == typeof(IntPtr) || type == typeof(UIntPtr) || type == typeof(SpinLock)
            || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ThreadLocal<>));

        /// <summary>The engine's ports: Renode's adapter provides its own (the bus, the CPU's TLB, its logger).</summary>
        private static bool IsEnginePort(object o) => o is IGuestMemory || o is ITlbMaintenance || o is ILogSink;
    }
}
