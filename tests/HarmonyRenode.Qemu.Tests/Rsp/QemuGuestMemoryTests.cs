using System;
using System.Linq;
using NUnit.Framework;

namespace HarmonyRenode.Qemu.Tests.Rsp
{
    /// <summary>What one stop's memory traffic sends to the stub, and that the guest ends with the same bytes.</summary>
    [TestFixture]
    public class QemuGuestMemoryTests
    {
        private const uint Ram = 0x40000000;
        private const ulong RamSize = 16 << 20;

        private static (FakeGdbStub stub, QemuGuestMemory memory) Open()
        {
            var stub = new FakeGdbStub();
            return (stub, new QemuGuestMemory(stub.Gdb, Ram, RamSize));
        }

        private static uint Word(FakeGdbStub stub, uint a) =>
            (uint)(stub[a] | stub[a + 1] << 8 | stub[a + 2] << 16 | stub[a + 3] << 24);

        [Test]
        public void Word_reads_within_one_line_cost_one_m()
        {
            var (stub, memory) = Open();
            using (stub)
            {
                // The heap free check: the header, then the words of the block after it.
                var addresses = new uint[] { 0x40022d08, 0x40022d0c, 0x40022d10, 0x40022d48, 0x40022d4c, 0x40022d50, 0x40022d54, 0x40022d58 };
                foreach (var a in addresses)
                {
                    Assert.That(memory.ReadUInt32(a), Is.EqualTo(Word(stub, a)));
                }
                Assert.That(stub.TakeReceived(), Is.EqualTo(new[] { "m40022d00,100" }));
            }
        }

        [Test]
        public void A_read_sees_pending_writes_without_flushing_them_first()
        {
            var (stub, memory) = Open();
            using (stub)
            {
                memory.WriteUInt32(0x40022d10, 0xdeadbeef);
                Assert.That(memory.ReadUInt32(0x40022d10), Is.EqualTo(0xdeadbeefu));
                Assert.That(memory.ReadUInt32(0x40022d14), Is.EqualTo(Word(stub, 0x40022d14)));
                Assert.That(stub.TakeReceived(), Is.EqualTo(new[] { "m40022d00,100" }));
                Assert.That(Word(stub, 0x40022d10), Is.Not.EqualTo(0xdeadbeefu), "still pending");

                stub.Gdb.Batch(memory.TakePackets());
                Assert.That(Word(stub, 0x40022d10), Is.EqualTo(0xdeadbeefu));
            }
        }

        [Test]
        public void Writes_to_one_range_in_any_order_go_out_as_one_M_with_the_last_values()
        {
            var (stub, memory) = Open();
            using (stub)
            {
                memory.WriteUInt32(0x40022d10, 1);
                memory.WriteUInt32(0x40022d08, 2);
                memory.WriteUInt32(0x40022d0c, 3);
                memory.WriteUInt32(0x40022d10, 4); // replaces the first
                var packets = memory.TakePackets();
                Assert.That(packets, Is.EqualTo(new[] { "M40022d08,c:020000000300000004000000" }));
                Assert.That(stub.TakeReceived(), Is.Empty, "nothing sent before the resume burst");
            }
        }

        [Test]
        public void A_small_gap_of_bytes_already_read_joins_two_writes_but_unknown_bytes_do_not()
        {
            var (stub, memory) = Open();
            using (stub)
            {
                memory.WriteUInt32(0x40022d08, 0x11111111);
                memory.WriteUInt32(0x40022d10, 0x22222222);
                Assert.That(memory.TakePackets(), Has.Count.EqualTo(2), "d0c was never read: its bytes are unknown");

                memory.ReadUInt32(0x40022d0c);
                memory.WriteUInt32(0x40022d08, 0x11111111);
                memory.WriteUInt32(0x40022d10, 0x22222222);
                var packets = memory.TakePackets();
                Assert.That(packets, Has.Count.EqualTo(1));
                stub.Gdb.Batch(packets);
                Assert.That(Word(stub, 0x40022d0c), Is.EqualTo(FakeGdbStub.Pattern(0x40022d0c) | (uint)FakeGdbStub.Pattern(0x40022d0d) << 8
                    | (uint)FakeGdbStub.Pattern(0x40022d0e) << 16 | (uint)FakeGdbStub.Pattern(0x40022d0f) << 24), "the gap is rewritten unchanged");
            }
        }

        [Test]
        public void The_resume_drops_what_was_read_so_the_next_stop_reads_the_guest_again()
        {
            var (stub, memory) = Open();
            using (stub)
            {
                var before = memory.ReadUInt32(0x40100000);
                Assert.That(memory.TakePackets(), Is.Empty);
                stub[0x40100000] = (byte)(before + 1); // the guest ran
                Assert.That(memory.ReadUInt32(0x40100000) & 0xff, Is.EqualTo((before + 1) & 0xff));
                Assert.That(stub.TakeReceived(), Is.EqualTo(new[] { "m40100000,100", "m40100000,100" }));
            }
        }

        [Test]
        public void Outside_guest_RAM_a_read_flushes_pending_writes_then_reads_exactly_its_bytes()
        {
            var (stub, memory) = Open();
            using (stub)
            {
                memory.WriteUInt32(0x40000010, 5);
                memory.ReadUInt32(0x09000018);
                Assert.That(stub.TakeReceived(), Is.EqualTo(new[] { "M40000010,4:05000000", "m9000018,4" }));
            }
        }

        [Test]
        public void Random_writes_and_reads_leave_the_same_memory_as_doing_them_one_by_one([Values(1, 2, 3, 4)] int seed)
        {
            var (stub, memory) = Open();
            using (stub)
            {
                var random = new Random(seed);
                const uint window = 0x4003ff00; // crosses a page and several lines
                var reference = Enumerable.Range(0, 0x300).Select(i => FakeGdbStub.Pattern(window + (uint)i)).ToArray();
                for (var stop = 0; stop < 20; stop++)
                {
                    for (var op = 0; op < 30; op++)
                    {
                        var at = random.Next(0, 0x2c0);
                        var count = random.Next(1, 0x40);
                        if (random.Next(3) == 0)
                        {
                            var read = new byte[count];
                            memory.ReadBytes(window + (uint)at, read, 0, count);
                            Assert.That(read, Is.EqualTo(reference.Skip(at).Take(count).ToArray()));
                        }
                        else if (random.Next(4) == 0)
                        {
                            var value = (byte)random.Next(256);
                            memory.Fill(window + (uint)at, count, value);
                            for (var i = 0; i < count; i++)
                            {
                                reference[at + i] = value;
                            }
                        }
                        else
                        {
                            var data = new byte[count];
                            random.NextBytes(data);
                            memory.WriteBytes(window + (uint)at, data, 0, count);
                            Array.Copy(data, 0, reference, at, count);
                        }
                    }
                    stub.Gdb.Batch(memory.TakePackets());
                    var actual = Enumerable.Range(0, reference.Length).Select(i => stub[window + (uint)i]).ToArray();
                    Assert.That(actual, Is.EqualTo(reference), $"after stop {stop}");
                }
            }
        }
    }
}
