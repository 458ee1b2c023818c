using System;

namespace HarmonyRenode.Core.Ports
{
    /// <summary>
    /// Guest RAM as a byte array at a base address: the guest of the unit tests, the benchmark and the demo.
    /// Accesses outside the array throw, because a model that touches memory it does not own is a bug.
    /// </summary>
    public sealed class InMemoryGuestMemory : IGuestMemory
    {
        private readonly byte[] bytes;

        public InMemoryGuestMemory(uint baseAddress, int size)
        {
            BaseAddress = baseAddress;
            bytes = new byte[size];
        }

        public uint BaseAddress { get; }

        public int Size => bytes.Length;

        public uint ReadUInt32(uint physicalAddress)
        {
            var i = Index(physicalAddress, 4);
            return (uint)(bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16 | bytes[i + 3] << 24);
        }

        public void WriteUInt32(uint physicalAddress, uint value)
        {
            var i = Index(physicalAddress, 4);
            bytes[i] = (byte)value;
            bytes[i + 1] = (byte)(value >> 8);
            bytes[i + 2] = (byte)(value >> 16);
            bytes[i + 3] = (byte)(value >> 24);
        }

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

        public void Copy(uint destinationPhysicalAddress, uint sourcePhysicalAddress, int count)
        {
            Buffer.BlockCopy(bytes, Index(sourcePhysicalAddress, count), bytes, Index(destinationPhysicalAddress, count), count);
        }

        private int Index(uint physicalAddress, int count)
        {
            var offset = (long)physicalAddress - BaseAddress;
            if (offset < 0 || count < 0 || offset + count > bytes.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(physicalAddress),
                    $"guest access 0x{physicalAddress:X8}+{count} outside RAM 0x{BaseAddress:X8}+0x{bytes.Length:X}");
            }
            return (int)offset;
        }
    }
}
