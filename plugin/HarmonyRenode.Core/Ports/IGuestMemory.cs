using System;

namespace HarmonyRenode.Core.Ports
{
    /// <summary>
    /// Guest physical memory as the model sees it. Every engine must see the model's latest bytes on a read, including
    /// bytes it has buffered and not yet flushed; the model still keeps host shadows of the words whose guest copies
    /// its checks compare (heap node heads, translation tables). Multi-byte values are little-endian (the guest is ARM).
    /// </summary>
    public interface IGuestMemory
    {
        uint ReadUInt32(uint physicalAddress);

        void WriteUInt32(uint physicalAddress, uint value);

        void ReadBytes(uint physicalAddress, byte[] buffer, int offset, int count);

        void WriteBytes(uint physicalAddress, byte[] buffer, int offset, int count);

        /// <summary>Sets <paramref name="count"/> bytes to <paramref name="value"/> (page zeroing).</summary>
        void Fill(uint physicalAddress, int count, byte value);

        /// <summary>
        /// The fast path of engines that map guest RAM into the host process (the in-memory guest, QEMU over a shared
        /// memory file): true with the host address of guest byte <paramref name="physicalAddress"/> when the whole range
        /// [physicalAddress, physicalAddress + length) is one contiguous host mapping, readable and writable in place,
        /// for as long as this object is alive, with no write buffer of the engine in front of it. The model
        /// asks once and then loads and stores through the pointer, so an engine must not remap the range while the model
        /// lives. False (and <see cref="IntPtr.Zero"/>) otherwise: the model then goes through the methods above.
        /// </summary>
        bool TryGetHostAddress(uint physicalAddress, uint length, out IntPtr hostAddress);

        /// <summary>
        /// Copies guest memory to guest memory (a copy-on-write fault's page). An engine whose CPU translates guest
        /// code without seeing host writes (QEMU on shared RAM) has the guest make the copy before it resumes.
        /// </summary>
        void Copy(uint destinationPhysicalAddress, uint sourcePhysicalAddress, int count);
    }
}
