using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace HarmonyRenode.Qemu.Rsp
{
    /// <summary>
    /// A GDB RSP socket to QEMU's stub. Never sends `+` acks: QEMU 7.2 has no QStartNoAckMode and stops a running
    /// guest on any byte, so it takes our next `$` as the ack (docs/qemu-gdb.md). The `+`/`-` QEMU sends for our
    /// packets are skipped. Several packets go out in one TCP write; replies come back in order.
    /// </summary>
    public sealed class RspConnection : IDisposable
    {
        private readonly Socket socket;
        private readonly byte[] buffer = new byte[1 << 16];
        private int start;
        private int end;

        private RspConnection(Socket socket)
        {
            this.socket = socket;
        }

        public long PacketsSent { get; private set; }

        public long Writes { get; private set; }

        /// <summary>Connects, retrying while QEMU starts, until <paramref name="deadline"/> or <paramref name="giveUp"/>.</summary>
        public static RspConnection Connect(int port, DateTime deadline, Func<string> giveUp)
        {
            while (true)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Connect("127.0.0.1", port);
                    return new RspConnection(socket);
                }
                catch (SocketException)
                {
                    socket.Dispose();
                    var reason = giveUp();
                    if (reason != null)
                    {
                        throw new QemuException($"cannot reach QEMU's GDB stub on 127.0.0.1:{port}: {reason}");
                    }
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new QemuException($"QEMU's GDB stub on 127.0.0.1:{port} did not accept a connection in time");
                    }
                    System.Threading.Thread.Sleep(20);
                }
            }
        }

        public void Send(IReadOnlyList<string> payloads)
        {
            var sb = new StringBuilder();
            foreach (var p in payloads)
            {
                sb.Append(RspFraming.Frame(p));
            }
            SendRaw(Encoding.ASCII.GetBytes(sb.ToString()));
            PacketsSent += payloads.Count;
        }

        public void Send(string payload) => Send(new[] { payload });

        /// <summary>Ctrl-C: stops a running guest (the stub replies with a stop packet).</summary>
        public void Interrupt() => SendRaw(new byte[] { 0x03 });

        public string ReadReply(DateTime deadline)
        {
            while (true)
            {
                // Skip acks and anything before a packet start.
                var dollar = -1;
                for (var i = start; i < end; i++)
                {
                    if (buffer[i] == (byte)'$')
                    {
                        dollar = i;
                        break;
                    }
                    if (buffer[i] == (byte)'-')
                    {
                        throw new QemuException("QEMU rejected a packet (checksum NAK)");
                    }
                }
                if (dollar < 0)
                {
                    start = end = 0;
                }
                else
                {
                    start = dollar;
                    var hash = Array.IndexOf(buffer, (byte)'#', start, end - start);
                    if (hash >= 0 && hash + 2 < end)
                    {
                        var payloadLength = hash - start - 1;
                        var expected = Convert.ToByte(Encoding.ASCII.GetString(buffer, hash + 1, 2), 16);
                        if (RspFraming.Checksum(buffer, start + 1, payloadLength) != expected)
                        {
                            throw new QemuException("bad checksum in a reply from QEMU");
                        }
                        var reply = RspFraming.Decode(buffer, start + 1, payloadLength);
                        start = hash + 3;
                        return reply;
                    }
                }
                Fill(deadline);
            }
        }

        public void Dispose() => socket.Dispose();

        private void SendRaw(byte[] bytes)
        {
            var sent = 0;
            while (sent < bytes.Length)
            {
                sent += socket.Send(bytes, sent, bytes.Length - sent, SocketFlags.None);
            }
            Writes++;
        }

        private void Fill(DateTime deadline)
        {
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.Length)
            {
                throw new QemuException("reply from QEMU larger than the receive buffer");
            }
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero || !socket.Poll((int)Math.Min(remaining.TotalMilliseconds * 1000, int.MaxValue), SelectMode.SelectRead))
            {
                throw new RspTimeoutException("no reply from QEMU's GDB stub in time");
            }
            var n = socket.Receive(buffer, end, buffer.Length - end, SocketFlags.None);
            if (n == 0)
            {
                throw new QemuException("QEMU closed the GDB connection (crashed or killed)");
            }
            end += n;
        }
    }
}
