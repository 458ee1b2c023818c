using System;
using System.IO;
using System.Net.Sockets;

namespace HarmonyRenode.Qemu.Shared
{
    /// <summary>How a wait on the doorbell ended.</summary>
    public enum DoorbellWait
    {
        Rung,
        TimedOut,
        Closed,
    }

    /// <summary>
    /// The QEMU guest's doorbell: QEMU's semihosting console is a socket chardev connected here, and the guest writes a
    /// byte to it (SYS_WRITEC) when it posts a hypercall while the host sleeps. The host blocks on it after a bounded
    /// spin, so a guest computing for seconds costs the host no CPU; QEMU ending closes it.
    /// </summary>
    public sealed class HostDoorbell : IDisposable
    {
        private readonly Socket listener;
        private readonly string path;
        private readonly byte[] drain = new byte[256];
        private Socket connection;

        private HostDoorbell(string path)
        {
            this.path = path;
            listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(1);
        }

        public string Path => path;

        /// <summary>Listens before QEMU starts: QEMU connects its chardev while it starts up.</summary>
        public static HostDoorbell Listen(string path) => new HostDoorbell(path);

        /// <summary>Takes QEMU's connection and removes the socket's name: nothing is left on disk, whatever happens.</summary>
        public void Accept(DateTime deadline, Func<string> qemuGone)
        {
            while (!listener.Poll(10_000, SelectMode.SelectRead))
            {
                var gone = qemuGone();
                if (gone != null)
                {
                    throw new QemuException($"QEMU ended before it connected its doorbell ({gone})");
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new QemuException("QEMU did not connect its semihosting doorbell in time");
                }
            }
            connection = listener.Accept();
            listener.Dispose();
            File.Delete(path);
        }

        /// <summary>Blocks until the guest rings, QEMU closes the connection, or <paramref name="timeout"/> passes.</summary>
        public DoorbellWait Wait(TimeSpan timeout)
        {
            var micros = timeout <= TimeSpan.Zero ? 0 : (int)Math.Min(int.MaxValue, timeout.Ticks / 10);
            try
            {
                if (!connection.Poll(micros, SelectMode.SelectRead))
                {
                    return DoorbellWait.TimedOut;
                }
                // Readable: bytes (rings, maybe several) or the end of the stream.
                return connection.Receive(drain) == 0 ? DoorbellWait.Closed : DoorbellWait.Rung;
            }
            catch (SocketException)
            {
                return DoorbellWait.Closed;
            }
            catch (ObjectDisposedException)
            {
                return DoorbellWait.Closed;
            }
        }

        public void Dispose()
        {
            connection?.Dispose();
            listener.Dispose();
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // already gone
            }
        }
    }
}
