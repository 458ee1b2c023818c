using System;
using System.Runtime.InteropServices;

namespace HarmonyRenode.Core.Ports
{
    /// <summary>
    /// Guest RAM as a byte array at a base address: the guest of the unit tests, the benchmark and the demo.
    /// Accesses outside the array throw, because a model that touches memory it does not own is a bug. The array is
    /// pinned for the object's lifetime, so it is also guest RAM mapped into the host (<see cref="TryGetHostAddress"/>),
    /// as a shared-memory engine's is; <paramref name="mapped"/> false hides that, for tests of the port-only path.
    /// </summary>
    public sealed unsafe class InMemoryGuestMemory : IGuestMemory
    {
        private readonly byte[] bytes;
        private readonly bool mapped;
        private GCHandle pin;
        private readonly byte* host;

        public InMemoryGuestMemory(uint baseAddress, int size, bool mapped = true)
        {
            BaseAddress = baseAddress;
            bytes = new byte[size];
            this.mapped = mapped;
            pin = GCHandle.Alloc(bytes, GCHandleType.Pinned);
            host = (byte*)pin.AddrOfPinnedObject();
        }

        ~InMemoryGuestMemory()
        {
            // Nothing can hold the host address any more: whoever asked for it holds this object too.
            if (pin.IsAllocated)
            {
                pin.Free();
            }
        }

        public uint BaseAddress { get; }

        public int Size => bytes.Length;

        public uint ReadUInt32(uint physicalAddress) => *(uint*)(host + Index(physicalAddress, 4));

        public void WriteUInt32(uint physicalAddress, uint value) => *(uint*)(host + Index(physicalAddress, 4)) = value;

        public void ReadBytes(uint physicalAddress, byte[] buffer, int offset, int count)
        {
            Buffer.BlockCopy(bytes, Index(physicalAddress, count), buffer, offset, count);
        }

        public void WriteBytes(uint physicalAddress, byte[] buffer, int offset, int count)
        {
            Buffer.BlockCopy(buffer, offset, bytes, Index(physicalAddress, count), count);
        }

        public void Fill(uint physicalAddress, int count, byte value)
        {
            var start = Index(physicalAddress, count);
            if (value == 0)
            {
                Array.Clear(bytes, start, count);
                return;
            }
            for (var i = 0; i < count; i++)
            {
                bytes[start + i] = value;
            }
        }

        public bool TryGetHostAddress(uint physicalAddress, uint length, out IntPtr hostAddress)
        {
            var offset = (ulong)physicalAddress - BaseAddress;
            if (!mapped || physicalAddress < BaseAddress || offset + length > (ulong)bytes.Length)
            {
                hostAddress = IntPtr.Zero;
                return false;
            }
            hostAddress = (IntPtr)(host + offset);
            return true;
        }

        public void Copy(uint destinationPhysicalAddress, uint sourcePhysicalAddress, int count)
        {
            Buffer.BlockCopy(bytes, Index(sourcePhysicalAddress, count), bytes, Index(destinationPhysicalAddress, count), count);
        }

        private int Index(uint physicalAddress, int count)
        {
            // One unsigned compare covers both ends: an address below the base wraps to a huge offset.
            var offset = (ulong)(uint)(physicalAddress - BaseAddress);
            if (count < 0 || offset + (ulong)count > (ulong)bytes.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(physicalAddress),
                    $"guest access 0x{physicalAddress:X8}+{count} outside RAM 0x{BaseAddress:X8}+0x{bytes.Length:X}");
            }
            return (int)offset;
        }
    }
}
