using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using HarmonyRenode.Qemu.Rsp;

namespace HarmonyRenode.Qemu.Tests.Rsp
{
    /// <summary>
    /// A GDB stub on loopback that answers `m` and `M` from a byte map (unwritten bytes read as a pattern of their
    /// address) and records every packet it receives, for asserting what a stop sends. One client, no sleeps.
    /// The client's connection is accepted before the serving thread starts, so closing never races an accept: the
    /// thread only reads the accepted socket, and ends when the client hangs up.
    /// </summary>
    public sealed class FakeGdbStub : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly Thread thread;
        private readonly Socket socket;
        private readonly Dictionary<uint, byte> memory = new Dictionary<uint, byte>();
        private readonly List<string> packets = new List<string>();

        public FakeGdbStub()
        {
            listener.Start();
            try
            {
                // The connection waits in the listen backlog until accepted here, on this thread.
                Connection = RspConnection.Connect(((IPEndPoint)listener.LocalEndpoint).Port, DateTime.UtcNow.AddSeconds(10), () => null);
                socket = listener.AcceptSocket();
            }
            finally
            {
                listener.Stop();
            }
            Gdb = new GdbRemote(Connection, TimeSpan.FromSeconds(10));
            thread = new Thread(Serve) { IsBackground = true };
            thread.Start();
        }

        /// <summary>What ended the serving thread other than the client hanging up (null: nothing).</summary>
        public Exception ServeFailure { get; private set; }

        /// <summary>Whether the serving thread is still running.</summary>
        public bool Serving => thread.IsAlive;

        public RspConnection Connection { get; }

        public GdbRemote Gdb { get; }

        /// <summary>Packets received so far; taking them clears the record.</summary>
        public List<string> TakeReceived()
        {
            lock (packets)
            {
                var copy = new List<string>(packets);
                packets.Clear();
                return copy;
            }
        }

        public static byte Pattern(uint address) => (byte)(address * 7 + (address >> 8));

        public byte this[uint address]
        {
            get
            {
                lock (memory)
                {
                    return memory.TryGetValue(address, out var b) ? b : Pattern(address);
                }
            }
            set
            {
                lock (memory)
                {
                    memory[address] = value;
                }
            }
        }

        public void Dispose()
        {
            Connection.Dispose();
            thread.Join();
            socket.Dispose();
        }

        private void Serve()
        {
            try
            {
                ServePackets();
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException)
            {
                // The client went away mid-reply.
            }
            catch (Exception ex)
            {
                ServeFailure = ex;
            }
        }

        private void ServePackets()
        {
            var pending = new StringBuilder();
            var buffer = new byte[65536];
            while (true)
            {
                var n = socket.Receive(buffer);
                if (n == 0)
                {
                    return;
                }
                pending.Append(Encoding.ASCII.GetString(buffer, 0, n));
                while (true)
                {
                    var text = pending.ToString();
                    var dollar = text.IndexOf('$');
                    var hash = dollar < 0 ? -1 : text.IndexOf('#', dollar);
                    if (hash < 0 || hash + 2 >= text.Length)
                    {
                        break;
                    }
                    var payload = text.Substring(dollar + 1, hash - dollar - 1);
                    pending.Remove(0, hash + 3);
                    lock (packets)
                    {
                        packets.Add(payload);
                    }
                    var reply = Answer(payload);
                    var framed = Encoding.ASCII.GetBytes("+" + RspFraming.Frame(reply));
                    socket.Send(framed);
                }
            }
        }

        private string Answer(string payload)
        {
            if (payload.StartsWith("m"))
            {
                var parts = payload.Substring(1).Split(',');
                var address = uint.Parse(parts[0], NumberStyles.HexNumber);
                var count = int.Parse(parts[1], NumberStyles.HexNumber);
                var bytes = new byte[count];
                for (var i = 0; i < count; i++)
                {
                    bytes[i] = this[address + (uint)i];
                }
                return RspFraming.Hex(bytes, 0, count);
            }
            if (payload.StartsWith("M"))
            {
                var colon = payload.IndexOf(':');
                var parts = payload.Substring(1, colon - 1).Split(',');
                var address = uint.Parse(parts[0], NumberStyles.HexNumber);
                var count = int.Parse(parts[1], NumberStyles.HexNumber);
                var data = RspFraming.FromHex(payload.Substring(colon + 1));
                if (data.Length != count)
                {
                    return "E22";
                }
                for (var i = 0; i < count; i++)
                {
                    this[address + (uint)i] = data[i];
                }
                return "OK";
            }
            return "";
        }
    }
}
