using System;
using System.Collections.Generic;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Qemu.Rsp;

namespace HarmonyRenode.Qemu
{
    /// <summary>
    /// Guest physical memory over GDB. Writes are buffered (contiguous ones merged) and go out in the same burst as
    /// the resume command; a read first flushes what is pending so it always sees the model's latest bytes.
    /// </summary>
    public sealed class QemuGuestMemory : IGuestMemory
    {
        private readonly GdbRemote gdb;
        private readonly List<PendingWrite> pending = new List<PendingWrite>();

        public QemuGuestMemory(GdbRemote gdb)
        {
            this.gdb = gdb;
        }

        public long BytesWritten { get; private set; }

        public long BytesRead { get; private set; }

        public uint ReadUInt32(uint physicalAddress)
        {
            var b = new byte[4];
            ReadBytes(physicalAddress, b, 0, 4);
            return BitConverter.ToUInt32(b, 0);
        }

        public void WriteUInt32(uint physicalAddress, uint value)
        {
            WriteBytes(physicalAddress, BitConverter.GetBytes(value), 0, 4);
        }

        public void ReadBytes(uint physicalAddress, byte[] buffer, int offset, int count)
        {
            Flush();
            gdb.ReadMemory(physicalAddress, buffer, offset, count);
            BytesRead += count;
        }

        public void WriteBytes(uint physicalAddress, byte[] buffer, int offset, int count)
        {
            if (count <= 0)
            {
                return;
            }
            BytesWritten += count;
            var last = pending.Count > 0 ? pending[pending.Count - 1] : null;
            if (last != null && last.End == physicalAddress && last.Length + count <= GdbRemote.MemoryChunk)
            {
                last.Append(buffer, offset, count);
                return;
            }
            while (count > 0)
            {
                var n = Math.Min(count, GdbRemote.MemoryChunk);
                var write = new PendingWrite(physicalAddress);
                write.Append(buffer, offset, n);
                pending.Add(write);
                physicalAddress += (uint)n;
                offset += n;
                count -= n;
            }
        }

        public void Fill(uint physicalAddress, int count, byte value)
        {
            var chunk = new byte[Math.Min(count, GdbRemote.MemoryChunk)];
            if (value != 0)
            {
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = value;
                }
            }
            while (count > 0)
            {
                var n = Math.Min(count, chunk.Length);
                WriteBytes(physicalAddress, chunk, 0, n);
                physicalAddress += (uint)n;
                count -= n;
            }
        }

        /// <summary>The pending writes as `M` packets, in the order the model made them; clears the buffer.</summary>
        public List<string> TakePackets()
        {
            var packets = new List<string>(pending.Count);
            foreach (var write in pending)
            {
                packets.Add(GdbRemote.WriteMemoryPacket(write.Address, write.Data, 0, write.Length));
            }
            pending.Clear();
            return packets;
        }

        public void Flush()
        {
            if (pending.Count > 0)
            {
                gdb.Batch(TakePackets());
            }
        }

        private sealed class PendingWrite
        {
            public PendingWrite(uint address)
            {
                Address = address;
            }

            public uint Address { get; }

            public byte[] Data { get; private set; } = new byte[16];

            public int Length { get; private set; }

            public uint End => Address + (uint)Length;

            public void Append(byte[] source, int offset, int count)
            {
                if (Length + count > Data.Length)
                {
                    var grown = new byte[Math.Max(Data.Length * 2, Length + count)];
                    Buffer.BlockCopy(Data, 0, grown, 0, Length);
                    Data = grown;
                }
                Buffer.BlockCopy(source, offset, Data, Length, count);
                Length += count;
            }
        }
    }
}
