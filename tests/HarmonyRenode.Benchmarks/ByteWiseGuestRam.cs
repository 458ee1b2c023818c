using System;

namespace HarmonyRenode.Benchmarks
{
    /// <summary>
    /// The word store of InMemoryGuestMemory before the pointer port (a bounds check on a 64-bit offset and four byte
    /// stores), kept as the unit of the README's table: the figures before and after this change, and the targets of
    /// issue 17 (derived from kernel_liteos_a's C code timed against this store), are all counted in it.
    /// </summary>
    public sealed class ByteWiseGuestRam
    {
        private readonly byte[] bytes;

        public ByteWiseGuestRam(uint baseAddress, int size)
        {
            BaseAddress = baseAddress;
            bytes = new byte[size];
        }

        public uint BaseAddress { get; }

        public void WriteUInt32(uint physicalAddress, uint value)
        {
            var i = Index(physicalAddress, 4);
            bytes[i] = (byte)value;
            bytes[i + 1] = (byte)(value >> 8);
            bytes[i + 2] = (byte)(value >> 16);
            bytes[i + 3] = (byte)(value >> 24);
        }

        private int Index(uint physicalAddress, int count)
        {
            var offset = (long)physicalAddress - BaseAddress;
            if (offset < 0 || count < 0 || offset + count > bytes.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(physicalAddress));
            }
            return (int)offset;
        }
    }
}
