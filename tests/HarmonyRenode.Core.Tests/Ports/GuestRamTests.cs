using System.Linq;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Vm;
using Moq;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Ports
{
    public class GuestRamTests
    {
        private const uint RamBase = 0x40000000;

        [Test]
        public void A_mapped_guest_is_written_through_the_host_address_without_port_calls()
        {
            var guest = new CountingGuestMemory(RamBase, 0x10000, offerMapping: true);
            var ram = new GuestRam(guest, RamBase, 0x10000);

            ram.Write(RamBase + 0x100, 0xDEADBEEF);
            ram.WriteWords(RamBase + 0x200, new uint[] { 1, 2, 3 }, 1, 2);
            ram.Fill(RamBase + 0x300, 16, 0xAB);

            Assert.That(guest.WordCalls + guest.ByteCalls, Is.Zero);
            Assert.That(guest.MappingRequests, Is.EqualTo(1));
            Assert.That(guest.Ram.ReadUInt32(RamBase + 0x100), Is.EqualTo(0xDEADBEEF));
            Assert.That(ram.Read(RamBase + 0x100), Is.EqualTo(0xDEADBEEF));
            Assert.That(new[] { guest.Ram.ReadUInt32(RamBase + 0x200), guest.Ram.ReadUInt32(RamBase + 0x204) }, Is.EqualTo(new uint[] { 2, 3 }));
            Assert.That(guest.Ram.ReadUInt32(RamBase + 0x30C), Is.EqualTo(0xABABABABu));
        }

        [Test]
        public void A_copy_is_always_the_engines_own_even_on_a_mapped_guest()
        {
            var guest = new CountingGuestMemory(RamBase, 0x10000, offerMapping: true);
            var ram = new GuestRam(guest, RamBase, 0x10000);
            guest.Ram.WriteUInt32(RamBase + 0x204, 3);

            ram.Copy(RamBase + 0x200, RamBase + 0x400, 8);

            Assert.That(guest.CopyCalls, Is.EqualTo(1));
            Assert.That(guest.Ram.ReadUInt32(RamBase + 0x404), Is.EqualTo(3u));
        }

        [Test]
        public void An_unmapped_guest_gets_every_access_through_the_port_and_a_word_run_in_one_call()
        {
            var guest = new CountingGuestMemory(RamBase, 0x10000, offerMapping: false);
            var ram = new GuestRam(guest, RamBase, 0x10000);

            ram.Write(RamBase + 0x100, 7);
            Assert.That(ram.Read(RamBase + 0x100), Is.EqualTo(7u));
            Assert.That(guest.WordCalls, Is.EqualTo(2));

            ram.WriteWords(RamBase + 0x200, Enumerable.Range(0, 256).Select(i => (uint)i).ToArray(), 0, 256);
            Assert.That(guest.ByteCalls, Is.EqualTo(1));
            Assert.That(guest.Ram.ReadUInt32(RamBase + 0x200 + 4 * 255), Is.EqualTo(255u));
            Assert.That(ram.IsMapped, Is.False);
        }

        [Test]
        public void A_guest_smaller_than_the_window_is_mapped_for_the_prefix_it_has()
        {
            var guest = new CountingGuestMemory(RamBase, 0x40000, offerMapping: true);
            var ram = new GuestRam(guest, RamBase, 0x04000000);

            ram.Write(RamBase + 0x3FFFC, 5);

            Assert.That(ram.IsMapped, Is.True);
            Assert.That(guest.WordCalls, Is.Zero);
            Assert.That(guest.Ram.ReadUInt32(RamBase + 0x3FFFC), Is.EqualTo(5u));
        }

        [Test]
        public void A_word_past_the_mapped_prefix_goes_to_the_port()
        {
            var guest = new CountingGuestMemory(RamBase, 0x10000, offerMapping: true);
            var ram = new GuestRam(guest, RamBase, 0x10000);

            Assert.Throws<System.ArgumentOutOfRangeException>(() => ram.Write(RamBase + 0xFFFE, 1));
            Assert.That(guest.WordCalls, Is.EqualTo(1));
        }

        [Test]
        public void Nothing_asks_for_the_mapping_before_the_first_access()
        {
            var guest = new Mock<IGuestMemory>(MockBehavior.Strict);
            var ram = new GuestRam(guest.Object, RamBase, 0x10000);
            Assert.That(ram.Port, Is.SameAs(guest.Object));
        }

        /// <summary>The model leaves the same bytes in guest RAM whether it stores through the host mapping or the port.</summary>
        [Test]
        public void The_model_writes_the_same_guest_ram_mapped_and_through_the_port()
        {
            var (mapped, mappedCalls) = Workload(new CountingGuestMemory(RamBase, 0x04000000, offerMapping: true));
            var (ported, portedCalls) = Workload(new CountingGuestMemory(RamBase, 0x04000000, offerMapping: false));

            // The operations' word accesses (the invariant checker, which reads the guest's tables word by word
            // through the port on purpose, comes after).
            Assert.That(mappedCalls, Is.LessThan(portedCalls / 10));
            var a = new byte[0x04000000];
            var b = new byte[0x04000000];
            mapped.Ram.ReadBytes(RamBase, a, 0, a.Length);
            ported.Ram.ReadBytes(RamBase, b, 0, b.Length);
            var firstDifference = Enumerable.Range(0, a.Length).FirstOrDefault(i => a[i] != b[i]);
            Assert.That(a.SequenceEqual(b), Is.True, $"first difference at 0x{RamBase + (uint)firstDifference:X8}");
        }

        private static (CountingGuestMemory Guest, long WordCalls) Workload(CountingGuestMemory guest)
        {
            var m = new LosMemoryApi(new MemoryModel(new MemoryConfig(), guest, new Mock<ITlbMaintenance>().Object, new RecordingLog()));
            var held = Enumerable.Range(0, 40).Select(i => m.LOS_KernelMalloc((uint)(i % 8 == 0 ? 0x5000 + i * 64 : 16 + i * 40))).ToArray();
            foreach (var p in held.Where((_, i) => i % 3 == 0))
            {
                m.LOS_KernelFree(p);
            }
            var pages = Enumerable.Range(0, 10).Select(_ => m.LOS_PhysPageAlloc()).ToArray();
            m.LOS_PhysPageFree(pages[3]);
            var v = m.LOS_VMalloc(0x10000);
            m.LOS_VFree(m.LOS_VMalloc(0x3000));
            var p2 = m.LOS_KernelRealloc(held[1], 4000);
            Assert.That(v != 0 && p2 != 0, Is.True);

            var parent = m.OsCreateUserVmSpace();
            m.ActivateSpace(parent);
            var va = m.Model.LOS_MMap(0, 0x8000, ProtFlags.Read | ProtFlags.Write, MapFlags.Private | MapFlags.Anonymous, -1, 0);
            for (uint off = 0; off < 0x8000; off += 0x1000)
            {
                Assert.That(m.OsArmSharedPageFault(false, 0x7 | 1u << 11, va + off, 0x10), Is.Zero);
            }
            var child = m.OsCreateUserVmSpace();
            m.LOS_VmSpaceClone(0, parent, child);
            m.ActivateSpace(child);
            Assert.That(m.OsArmSharedPageFault(false, 0xF | 1u << 11, va, 0x10), Is.Zero);
            var calls = guest.WordCalls;
            Assert.That(m.Model.CheckInvariants(), Is.Empty);
            return (guest, calls);
        }
    }
}
