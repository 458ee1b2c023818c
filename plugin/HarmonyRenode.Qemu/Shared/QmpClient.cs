using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace HarmonyRenode.Qemu.Shared
{
    /// <summary>
    /// QEMU's machine protocol (QMP, docs/interop/qmp-spec) on a Unix socket: the engine starts the paused machine with
    /// `cont` once the model is booted, and asks `info registers` to say where a firmware was when it timed out.
    /// One JSON object per line; asynchronous events are skipped.
    /// </summary>
    public sealed class QmpClient : IDisposable
    {
        private readonly Socket socket;
        private readonly StreamReader reader;
        private readonly NetworkStream stream;

        private QmpClient(Socket socket, TimeSpan replyTimeout)
        {
            this.socket = socket;
            socket.ReceiveTimeout = (int)replyTimeout.TotalMilliseconds;
            stream = new NetworkStream(socket, ownsSocket: false);
            reader = new StreamReader(stream, new UTF8Encoding(false));
        }

        /// <summary>Connects once QEMU listens (it creates the socket during start-up) and negotiates capabilities.</summary>
        public static QmpClient Connect(string path, DateTime deadline, Func<string> qemuGone, TimeSpan replyTimeout)
        {
            while (true)
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    socket.Connect(new UnixDomainSocketEndPoint(path));
                    var client = new QmpClient(socket, replyTimeout);
                    client.ReadObject(); // the greeting
                    client.Execute("qmp_capabilities");
                    return client;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    socket.Dispose();
                    var gone = qemuGone();
                    if (gone != null)
                    {
                        throw new QemuException($"QEMU ended before its monitor answered ({gone})");
                    }
                    // QEMU creates the socket during start-up; nothing to wait on but the file appearing.
                    Thread.Sleep(10);
                }
                catch (SocketException ex)
                {
                    socket.Dispose();
                    throw new QemuException($"QEMU's monitor socket did not answer in time: {ex.Message}");
                }
            }
        }

        /// <summary>Runs a command; returns its "return" value, or throws with QEMU's error description.</summary>
        public JsonElement Execute(string command, object arguments = null)
        {
            var request = arguments == null
                ? JsonSerializer.Serialize(new { execute = command })
                : JsonSerializer.Serialize(new { execute = command, arguments });
            var bytes = Encoding.UTF8.GetBytes(request + "\n");
            try
            {
                stream.Write(bytes, 0, bytes.Length);
            }
            catch (IOException ex)
            {
                throw new QemuException($"QEMU's monitor closed ({ex.Message})");
            }
            while (true)
            {
                var reply = ReadObject();
                if (reply.TryGetProperty("return", out var value))
                {
                    return value;
                }
                if (reply.TryGetProperty("error", out var error))
                {
                    throw new QemuException($"QEMU refused {command}: {error.GetProperty("desc").GetString()}");
                }
                // an event: not the reply
            }
        }

        /// <summary>The human monitor's text answer (`info registers`).</summary>
        public string HumanCommand(string commandLine) =>
            Execute("human-monitor-command", new Argument { CommandLine = commandLine }).GetString();

        public void Dispose()
        {
            reader.Dispose();
            stream.Dispose();
            socket.Dispose();
        }

        private JsonElement ReadObject()
        {
            string line;
            try
            {
                line = reader.ReadLine();
            }
            catch (IOException ex)
            {
                throw new QemuException($"QEMU's monitor did not answer ({ex.Message})");
            }
            if (line == null)
            {
                throw new QemuException("QEMU's monitor closed");
            }
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }

        private sealed class Argument
        {
            [System.Text.Json.Serialization.JsonPropertyName("command-line")]
            public string CommandLine { get; set; }
        }
    }
}
