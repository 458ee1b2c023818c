using System;
using System.IO;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using HarmonyRenode.Core.Guest.Hypercalls;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Qemu.Shared
{
    /// <summary>
    /// Guest RAM mapped into the host process: QEMU's memory backend (a memfd it shares) opened through /proc and
    /// mapped MAP_SHARED, so a host store is a guest store, seen by the guest and its table walks at once. Page
    /// copies go to the guest while a hypercall is served (<see cref="GuestCopyQueue"/>): QEMU does not notice host
    /// stores to code it has translated.
    /// </summary>
    public sealed unsafe class MappedGuestMemory : IGuestMemory, IDisposable
    {
        private readonly MemoryMappedFile file;
        private readonly MemoryMappedViewAccessor view;
        private readonly byte* bytes;
        private readonly uint baseAddress;
        private readonly uint size;

        public MappedGuestMemory(string path, uint baseAddress, uint size)
        {
            this.baseAddress = baseAddress;
            this.size = size;
            file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
            view = file.CreateViewAccessor(0, size, MemoryMappedFileAccess.ReadWrite);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            bytes = pointer + view.PointerOffset;
        }

        /// <summary>Where copies go while a hypercall is served; null: the host copies.</summary>
        public GuestCopyQueue Deferred { get; set; }

        public uint ReadUInt32(uint physicalAddress) => Unsafe.ReadUnaligned<uint>(At(physicalAddress, 4));

        public void WriteUInt32(uint physicalAddress, uint value) => Unsafe.WriteUnaligned(At(physicalAddress, 4), value);

        public void ReadBytes(uint physicalAddress, byte[] buffer, int offset, int count)
        {
            CheckBuffer(buffer, offset, count);
            MakePendingCopiesInto(physicalAddress, count);
            new ReadOnlySpan<byte>(At(physicalAddress, count), count).CopyTo(new Span<byte>(buffer, offset, count));
        }

        public void WriteBytes(uint physicalAddress, byte[] buffer, int offset, int count)
        {
            CheckBuffer(buffer, offset, count);
            MakePendingCopiesInto(physicalAddress, count);
            new ReadOnlySpan<byte>(buffer, offset, count).CopyTo(new Span<byte>(At(physicalAddress, count), count));
        }

        public void Fill(uint physicalAddress, int count, byte value)
        {
            MakePendingCopiesInto(physicalAddress, count);
            new Span<byte>(At(physicalAddress, count), count).Fill(value);
        }

        /// <summary>
        /// A copy queued for the guest lands after the call returns, so a host access to its destination in the same
        /// call would read the old bytes or have its own bytes overwritten: those copies are made here first, in
        /// queue order (a copy-on-write fault inside a call that then writes into the new page, as ShmCtl's
        /// IPC_STAT does). Word accesses (tables, heap heads) never touch a page copied in the same call.
        /// </summary>
        private void MakePendingCopiesInto(uint physicalAddress, int count)
        {
            var deferred = Deferred;
            if (deferred == null || deferred.Count == 0)
            {
                return;
            }
            while (deferred.TryTakeOverlapping(physicalAddress, count, out var copy))
            {
                var length = (int)copy.Length;
                Buffer.MemoryCopy(At(copy.Source, length), At(copy.Destination, length), length, length);
            }
        }

        public void Copy(uint destinationPhysicalAddress, uint sourcePhysicalAddress, int count)
        {
            var source = At(sourcePhysicalAddress, count);
            var destination = At(destinationPhysicalAddress, count);
            if (Deferred != null && Deferred.TryAdd(destinationPhysicalAddress, sourcePhysicalAddress, count))
            {
                return;
            }
            Buffer.MemoryCopy(source, destination, count, count);
        }

        /// <summary>The mapping itself (until <see cref="Dispose"/>): the model stores its words straight into QEMU's RAM.</summary>
        public bool TryGetHostAddress(uint physicalAddress, uint length, out IntPtr hostAddress)
        {
            var offset = (ulong)physicalAddress - baseAddress;
            if (physicalAddress < baseAddress || offset + length > size)
            {
                hostAddress = IntPtr.Zero;
                return false;
            }
            hostAddress = (IntPtr)(bytes + offset);
            return true;
        }

        public void Dispose()
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            view.Dispose();
            file.Dispose();
        }

        private byte* At(uint physicalAddress, int count)
        {
            var offset = (long)physicalAddress - baseAddress;
            if (offset < 0 || count < 0 || offset + count > size)
            {
                throw new ArgumentOutOfRangeException(nameof(physicalAddress),
                    $"guest access 0x{physicalAddress:X8}+{count} outside RAM 0x{baseAddress:X8}+0x{size:X}");
            }
            return bytes + offset;
        }

        private static void CheckBuffer(byte[] buffer, int offset, int count)
        {
            if (offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }
        }
    }
}
