using System.Linq;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Rsp
{
    [TestFixture]
    public class GdbCpuTests
    {
        private static uint[] Registers()
        {
            var values = new uint[17];
            for (var i = 0; i < 17; i++)
            {
                values[i] = 0x11111111u * (uint)(i % 16) + (uint)i;
            }
            values[16] = 0x600001d3; // cpsr
            return values;
        }

        private static string Word(uint v) => $"{v & 0xff:x2}{(v >> 8) & 0xff:x2}{(v >> 16) & 0xff:x2}{v >> 24:x2}";

        [Test]
        public void No_change_writes_nothing_and_one_change_is_one_P()
        {
            Assert.That(new GdbCpu(Registers()).WritePackets(), Is.Empty);
            var cpu = new GdbCpu(Registers());
            cpu.SetRegister(15, 0x40000190);
            Assert.That(cpu.WritePackets().ToList(), Is.EqualTo(new[] { "Pf=90010040" }));
        }

        [Test]
        public void Result_and_PC_go_out_as_one_G_of_the_sixteen_core_registers_without_cpsr()
        {
            var values = Registers();
            var cpu = new GdbCpu(values);
            cpu.SetRegister(0, 0x40022d14);
            cpu.SetRegister(15, 0x4000018c);
            var expected = "G" + string.Concat(Enumerable.Range(0, 16).Select(i =>
                Word(i == 0 ? 0x40022d14u : i == 15 ? 0x4000018cu : Registers()[i])));
            Assert.That(cpu.WritePackets().ToList(), Is.EqualTo(new[] { expected }));
        }

        [Test]
        public void A_changed_cpsr_rides_at_the_end_of_the_G()
        {
            var cpu = new GdbCpu(Registers());
            cpu.SetRegister(15, 0x40000200);
            cpu.SetCpsr(0x600001f3);
            var packets = cpu.WritePackets().ToList();
            Assert.That(packets, Has.Count.EqualTo(1));
            Assert.That(packets[0], Has.Length.EqualTo(1 + 17 * 8));
            Assert.That(packets[0], Does.StartWith("G").And.EndWith(Word(0x40000200) + Word(0x600001f3)));
        }
    }
}
