using System;
using System.Runtime.InteropServices;
using HarmonyRenode.Core.Ports;
using NUnit.Framework;

namespace HarmonyRenode.Core.Tests.Ports
{
    public class InMemoryGuestMemoryTests
    {
        [Test]
        public void HostAddressSeesThePortsWordsAndThePortSeesItsStores()
        {
            var memory = new InMemoryGuestMemory(0x40000000, 0x2000);
            memory.WriteUInt32(0x40001004, 0x11223344);

            Assert.That(memory.TryGetHostAddress(0x40001000, 0x1000, out var host), Is.True);
            Assert.That(Marshal.ReadInt32(host, 4), Is.EqualTo(0x11223344));
            Marshal.WriteInt32(host, 8, unchecked((int)0xCAFEF00D));
            Assert.That(memory.ReadUInt32(0x40001008), Is.EqualTo(0xCAFEF00D));
        }

        [Test]
        public void WordsAreLittleEndianLikeTheGuest()
        {
            var memory = new InMemoryGuestMemory(0x40000000, 0x1000);
            memory.WriteUInt32(0x40000010, 0x11223344);
            var bytes = new byte[4];
            memory.ReadBytes(0x40000010, bytes, 0, 4);
            Assert.That(bytes, Is.EqualTo(new byte[] { 0x44, 0x33, 0x22, 0x11 }));
        }

        [TestCase(0x3FFFFFFCu, 4u)]
        [TestCase(0x40001FFDu, 4u)]
        [TestCase(0x40000000u, 0x2001u)]
        public void NoHostAddressForARangeOutsideRam(uint address, uint length)
        {
            var memory = new InMemoryGuestMemory(0x40000000, 0x2000);
            Assert.That(memory.TryGetHostAddress(address, length, out var host), Is.False);
            Assert.That(host, Is.EqualTo(IntPtr.Zero));
        }

        [Test]
        public void AnUnmappedInstanceOffersNoHostAddress()
        {
            var memory = new InMemoryGuestMemory(0x40000000, 0x2000, mapped: false);
            Assert.That(memory.TryGetHostAddress(0x40000000, 4, out _), Is.False);
        }

        [TestCase(0x3FFFFFFCu)]
        [TestCase(0x40001FFDu)]
        [TestCase(0u)]
        public void WordAccessOutsideRamThrows(uint address)
        {
            var memory = new InMemoryGuestMemory(0x40000000, 0x2000);
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.WriteUInt32(address, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadUInt32(address));
        }
    }
}
