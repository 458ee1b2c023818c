using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace HarmonyRenode.Qemu.Rsp
{
    /// <summary>
    /// The GDB commands the engine uses, over one <see cref="RspConnection"/>. Memory commands use physical
    /// addresses (`Qqemu.PhyMemMode:1` is set at handshake): the model writes page tables and pages by PA.
    /// </summary>
    public sealed class GdbRemote : IDisposable
    {
        /// <summary>Bytes per `m`/`M` packet: QEMU's PacketSize is 0x1000 and data travels as hex.</summary>
        public const int MemoryChunk = 1024;

        /// <summary>Packets per TCP write, so QEMU's replies never fill the socket while we are still writing.</summary>
        private const int BatchLimit = 256;

        private readonly RspConnection connection;
        private readonly TimeSpan replyTimeout;

        public GdbRemote(RspConnection connection, TimeSpan replyTimeout)
        {
            this.connection = connection;
            this.replyTimeout = replyTimeout;
        }

        public RspConnection Connection => connection;

        public void Handshake()
        {
            var features = Request("qSupported:xmlRegisters=arm");
            if (features.IndexOf("qXfer:features:read+", StringComparison.Ordinal) < 0)
            {
                throw new QemuException($"QEMU's GDB stub does not offer target descriptions: {features}");
            }
            // QEMU answers `p`/`P` only once the debugger has read target.xml (docs/qemu-gdb.md); the engine needs
            // nothing from it, so its includes are not fetched.
            ReadFeatureAnnex("target.xml");
            var phys = Request("Qqemu.PhyMemMode:1");
            if (phys != "OK")
            {
                throw new QemuException($"QEMU refused physical memory mode (Qqemu.PhyMemMode:1): '{phys}'");
            }
        }

        public string Request(string payload)
        {
            connection.Send(payload);
            return connection.ReadReply(DateTime.UtcNow + replyTimeout);
        }

        /// <summary>Sends packets that each answer "OK" in as few writes as possible; throws on the first error reply.</summary>
        public void Batch(IReadOnlyList<string> packets)
        {
            for (var at = 0; at < packets.Count; at += BatchLimit)
            {
                var chunk = Slice(packets, at, Math.Min(BatchLimit, packets.Count - at));
                connection.Send(chunk);
                ExpectOk(chunk, chunk.Count);
            }
        }

        /// <summary>
        /// Sends <paramref name="packets"/> then the resume command in the same TCP write (it must be last: bytes
        /// arriving while the guest runs stop it). Returns without waiting for the stop.
        /// </summary>
        public void BatchThenResume(IReadOnlyList<string> packets, string resume)
        {
            var head = packets.Count;
            var at = 0;
            while (head - at > BatchLimit)
            {
                var chunk = Slice(packets, at, BatchLimit);
                connection.Send(chunk);
                ExpectOk(chunk, chunk.Count);
                at += BatchLimit;
            }
            var last = Slice(packets, at, head - at);
            last.Add(resume);
            connection.Send(last);
            ExpectOk(last, last.Count - 1);
        }

        public StopReply WaitStop(DateTime deadline) => StopReply.Parse(connection.ReadReply(deadline));

        /// <summary>r0..r15 and cpsr from one `g`.</summary>
        public uint[] ReadCoreRegisters()
        {
            var hex = Request("g");
            if (hex.Length < 17 * 8 || hex[0] == 'E')
            {
                throw new QemuException($"unexpected register dump: '{hex}'");
            }
            var values = new uint[17];
            for (var i = 0; i < 17; i++)
            {
                values[i] = RspFraming.WordFromHex(hex, i * 8);
            }
            return values;
        }

        public static string WriteRegisterPacket(int number, uint value) => $"P{number:x}={RspFraming.HexWord(value)}";

        public static string WriteMemoryPacket(uint address, byte[] data, int offset, int count) =>
            $"M{address:x},{count:x}:{RspFraming.Hex(data, offset, count)}";

        public static string InsertBreakpointPacket(uint address) => $"Z0,{address:x},4";

        public static string RemoveBreakpointPacket(uint address) => $"z0,{address:x},4";

        public void ReadMemory(uint address, byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                var n = Math.Min(count, MemoryChunk);
                var reply = Request($"m{address:x},{n:x}");
                if (reply.Length != 2 * n)
                {
                    throw new QemuException($"cannot read guest memory at PA 0x{address:X8}+{n}: '{reply}'");
                }
                var bytes = RspFraming.FromHex(reply);
                Buffer.BlockCopy(bytes, 0, buffer, offset, n);
                address += (uint)n;
                offset += n;
                count -= n;
            }
        }

        public void Dispose() => connection.Dispose();

        private string ReadFeatureAnnex(string annex)
        {
            var text = new StringBuilder();
            while (true)
            {
                var reply = Request($"qXfer:features:read:{annex}:{text.Length:x},ffb");
                if (reply.Length == 0 || (reply[0] != 'm' && reply[0] != 'l'))
                {
                    throw new QemuException($"cannot read target description {annex}: '{reply}'");
                }
                text.Append(reply, 1, reply.Length - 1);
                if (reply[0] == 'l')
                {
                    return text.ToString();
                }
            }
        }

        private void ExpectOk(IReadOnlyList<string> sent, int replies)
        {
            QemuException first = null;
            for (var i = 0; i < replies; i++)
            {
                var reply = connection.ReadReply(DateTime.UtcNow + replyTimeout);
                if (reply != "OK" && first == null)
                {
                    var packet = sent[i];
                    first = new QemuException($"QEMU answered '{reply}' to '{(packet.Length > 40 ? packet.Substring(0, 40) + "..." : packet)}'");
                }
            }
            if (first != null)
            {
                throw first;
            }
        }

        private static List<string> Slice(IReadOnlyList<string> list, int at, int count)
        {
            var slice = new List<string>(count + 1);
            for (var i = 0; i < count; i++)
            {
                slice.Add(list[at + i]);
            }
            return slice;
        }
    }
}
