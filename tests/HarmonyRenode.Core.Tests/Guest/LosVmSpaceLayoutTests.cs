using System.Collections.Generic;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Tests.Facade;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Guest
{
    public class LosVmSpaceLayoutTests
    {
        [Test]
        public void ArchMmu_sits_0x70_into_the_space_as_the_32_bit_layout_adds_up()
        {
            // LOS_DL_LIST 8 + LosRbTree (root 4, NIL node 16, walk list 8, count 4, three callbacks 12) 44
            // + LosMux (magic 4, attr 4, two lists 16, owner 4, muxCount 2 + 2 padding) 32 + seven words 28.
            Assert.That(LosVmSpaceLayout.ArchMmuOffset, Is.EqualTo(8u + 44u + 32u + 7u * 4u));
        }

        [Test]
        public void An_archMmu_pointer_is_looked_up_as_the_space_it_is_inside()
        {
            var asked = new List<uint>();
            var found = LosVmSpaceLayout.SpaceOfArchMmu(0xF5000170, v => { asked.Add(v); return "space"; });

            Assert.That(found, Is.EqualTo("space"));
            Assert.That(asked, Is.EqualTo(new[] { 0xF5000100u }));
            Assert.That(LosVmSpaceLayout.SpaceOfArchMmu(0x6F, v => "never asked"), Is.Null, "below the offset: no space can hold it");
        }

        [Test]
        public void The_model_resolves_the_archMmu_of_each_of_its_spaces_and_nothing_else()
        {
            var f = new ManagerFixture();
            var user = f.EnterUserSpace();
            var m = f.Manager;

            Assert.That(m.LOS_ArchMmuQuery(m.LOS_GetKVmSpace() + 0x70, 0x40000000, out var pa, out _), Is.Zero);
            Assert.That(pa, Is.EqualTo(0x40000000u));
            Assert.That(m.LOS_ArchMmuQuery(user + 0x70, 0x01000000, out _, out _), Is.EqualTo((int)VmStatus.NotFound));
            Assert.That(m.LOS_ArchMmuQuery(user, 0x01000000, out _, out _), Is.EqualTo((int)VmStatus.InvalidArgs), "the space itself is not its archMmu");
            Assert.That(f.Log.Errors, Is.EqualTo(new[] { $"[ERR]LOS_ArchMmuQuery 0x{user:x8} is not &space->archMmu of a LosVmSpace" }));
        }
    }
}
