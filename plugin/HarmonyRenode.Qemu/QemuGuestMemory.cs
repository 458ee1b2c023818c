using System;
using System.Collections.Generic;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Qemu.Rsp;

namespace HarmonyRenode.Qemu
{
    /// <summary>
    /// Guest physical memory over GDB, valid for one stop of the guest (<see cref="TakePackets"/> ends it).
    /// Writes are buffered byte by byte and go out in the same burst as the resume command, merged into as few `M`
    /// packets as possible (a later write to a byte replaces an earlier one; the guest is stopped, so the order of
    /// writes to RAM does not matter). Reads of guest RAM fetch whole <see cref="LineSize"/>-byte lines with one `m`
    /// and keep them until the resume: nothing but the model changes a stopped guest's RAM, and pending writes are
    /// overlaid on what QEMU returns, so a read always sees the model's latest bytes without flushing first.
    /// Addresses outside guest RAM are neither read ahead nor cached: pending writes are flushed and the exact bytes read.
    /// </summary>
    public sealed class QemuGuestMemory : IGuestMemory
    {
        /// <summary>Bytes fetched by one read of guest RAM (aligned; lines never cross a page).</summary>
        public const int LineSize = 256;

        /// <summary>Clean bytes a write packet may carry between two pending runs to make them one packet.</summary>
        private const int MaxMergedGap = 32;

        private readonly GdbRemote gdb;
        private readonly uint ramBase;
        private readonly ulong ramEnd;
        private readonly SortedDictionary<uint, Line> lines = new SortedDictionary<uint, Line>();
        private bool anyDirty;

        /// <param name="ramBase">First byte of guest RAM (reads there are cached per stop).</param>
        /// <param name="ramSize">Bytes of guest RAM; 0: no address is treated as RAM.</param>
        public QemuGuestMemory(GdbRemote gdb, uint ramBase = 0, ulong ramSize = 0)
        {
            this.gdb = gdb;
            this.ramBase = ramBase;
            ramEnd = ramBase + ramSize;
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
            if (count <= 0)
            {
                return;
            }
            BytesRead += count;
            if (!InRam(physicalAddress, count))
            {
                Flush();
                gdb.ReadMemory(physicalAddress, buffer, offset, count);
                return;
            }
            while (count > 0)
            {
                var lineBase = physicalAddress & ~(uint)(LineSize - 1);
                var at = (int)(physicalAddress - lineBase);
                var n = Math.Min(count, LineSize - at);
                var line = GetLine(lineBase);
                if (!line.AllKnown(at, n))
                {
                    var fetched = new byte[LineSize];
                    gdb.ReadMemory(lineBase, fetched, 0, LineSize);
                    line.FillUnknown(fetched);
                }
                Buffer.BlockCopy(line.Data, at, buffer, offset, n);
                physicalAddress += (uint)n;
                offset += n;
                count -= n;
            }
        }

        public void WriteBytes(uint physicalAddress, byte[] buffer, int offset, int count)
        {
            if (count <= 0)
            {
                return;
            }
            BytesWritten += count;
            anyDirty = true;
            while (count > 0)
            {
                var lineBase = physicalAddress & ~(uint)(LineSize - 1);
                var at = (int)(physicalAddress - lineBase);
                var n = Math.Min(count, LineSize - at);
                GetLine(lineBase).Write(at, buffer, offset, n);
                physicalAddress += (uint)n;
                offset += n;
                count -= n;
            }
        }

        public void Fill(uint physicalAddress, int count, byte value)
        {
            var chunk = new byte[Math.Min(count, LineSize)];
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

        /// <summary>Guest RAM lives in the QEMU process and is reached over GDB only: never mapped here.</summary>
        public bool TryGetHostAddress(uint physicalAddress, uint length, out IntPtr hostAddress)
        {
            hostAddress = IntPtr.Zero;
            return false;
        }

        /// <summary>Read then written back as packets: QEMU's GDB writes go through its softmmu, which drops stale translations.</summary>
        public void Copy(uint destinationPhysicalAddress, uint sourcePhysicalAddress, int count)
        {
            var bytes = new byte[count];
            ReadBytes(sourcePhysicalAddress, bytes, 0, count);
            WriteBytes(destinationPhysicalAddress, bytes, 0, count);
        }

        /// <summary>
        /// The pending writes as `M` packets of at most <see cref="GdbRemote.MemoryChunk"/> bytes, in address order;
        /// ends the stop: pending writes and cached reads are dropped (the guest is about to run).
        /// </summary>
        public List<string> TakePackets()
        {
            var packets = new List<string>();
            if (anyDirty)
            {
                var run = new List<byte>();
                uint runStart = 0;
                ulong runEnd = 0; // one past the last dirty byte of the run
                var gap = new List<byte>(MaxMergedGap);
                foreach (var pair in lines)
                {
                    var line = pair.Value;
                    for (var i = 0; i < LineSize; i++)
                    {
                        var address = (ulong)pair.Key + (ulong)i;
                        if (line.IsDirty(i))
                        {
                            if (run.Count > 0 && address != runEnd)
                            {
                                // A gap of known bytes since the run's end (tracked below): carry it, or cut the run.
                                if (address - runEnd == (ulong)gap.Count && run.Count + gap.Count < GdbRemote.MemoryChunk)
                                {
                                    run.AddRange(gap);
                                }
                                else
                                {
                                    packets.Add(Packet(runStart, run));
                                    run.Clear();
                                }
                            }
                            gap.Clear();
                            if (run.Count == 0)
                            {
                                runStart = (uint)address;
                            }
                            run.Add(line.Data[i]);
                            runEnd = address + 1;
                            if (run.Count == GdbRemote.MemoryChunk)
                            {
                                packets.Add(Packet(runStart, run));
                                run.Clear();
                            }
                        }
                        else if (run.Count > 0 && line.IsKnown(i) && address - runEnd == (ulong)gap.Count && gap.Count < MaxMergedGap)
                        {
                            gap.Add(line.Data[i]);
                        }
                    }
                }
                if (run.Count > 0)
                {
                    packets.Add(Packet(runStart, run));
                }
            }
            lines.Clear();
            anyDirty = false;
            return packets;
        }

        public void Flush()
        {
            if (anyDirty)
            {
                gdb.Batch(TakePackets());
            }
        }

        private static string Packet(uint address, List<byte> bytes)
        {
            var data = bytes.ToArray();
            return GdbRemote.WriteMemoryPacket(address, data, 0, data.Length);
        }

        private bool InRam(uint address, int count) =>
            address >= ramBase && (ulong)address + (ulong)count <= ramEnd;

        private Line GetLine(uint lineBase)
        {
            if (!lines.TryGetValue(lineBase, out var line))
            {
                line = new Line();
                lines[lineBase] = line;
            }
            return line;
        }

        /// <summary>One aligned line: its bytes, which are known (read or written this stop) and which are pending.</summary>
        private sealed class Line
        {
            private readonly bool[] known = new bool[LineSize];
            private readonly bool[] dirty = new bool[LineSize];

            public byte[] Data { get; } = new byte[LineSize];

            public bool IsKnown(int i) => known[i];

            public bool IsDirty(int i) => dirty[i];

            public bool AllKnown(int at, int count)
            {
                for (var i = at; i < at + count; i++)
                {
                    if (!known[i])
                    {
                        return false;
                    }
                }
                return true;
            }

            public void Write(int at, byte[] source, int offset, int count)
            {
                Buffer.BlockCopy(source, offset, Data, at, count);
                for (var i = at; i < at + count; i++)
                {
                    known[i] = true;
                    dirty[i] = true;
                }
            }

            /// <summary>Takes QEMU's bytes where the model has neither read nor written this stop.</summary>
            public void FillUnknown(byte[] fetched)
            {
                for (var i = 0; i < LineSize; i++)
                {
                    if (!known[i])
                    {
                        Data[i] = fetched[i];
                        known[i] = true;
                    }
                }
            }
        }
    }
}
