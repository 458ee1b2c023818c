using System;

namespace HarmonyRenode.Qemu.Rsp
{
    /// <summary>A stop reply: the guest stopped (`S`/`T` with a signal) or QEMU's process ended (`W` exit code, `X` signal).</summary>
    public sealed class StopReply
    {
        private StopReply(char kind, int value)
        {
            Kind = kind;
            Value = value;
        }

        public char Kind { get; }

        /// <summary>Signal for S/T/X, exit status for W.</summary>
        public int Value { get; }

        public bool Exited => Kind == 'W' || Kind == 'X';

        public static StopReply Parse(string reply)
        {
            if (string.IsNullOrEmpty(reply) || "STWX".IndexOf(reply[0]) < 0 || reply.Length < 3)
            {
                throw new QemuException($"unexpected reply where a stop reply belongs: '{reply}'");
            }
            // W/X may carry ";process:pid" with the multiprocess extension.
            return new StopReply(reply[0], Convert.ToInt32(reply.Substring(1, 2), 16));
        }

        public override string ToString() => $"{Kind}{Value:x2}";
    }
}
