using System;
using System.Text;

namespace HarmonyRenode.Qemu.Rsp
{
    /// <summary>
    /// GDB remote serial protocol framing (GDB manual, "Overview" of Remote Protocol): `$payload#cc` with a
    /// modulo-256 checksum, `}` escapes (byte ^ 0x20) and `*` run-length encoding in replies.
    /// </summary>
    public static class RspFraming
    {
        public static string Frame(string payload)
        {
            var sum = 0;
            foreach (var c in payload)
            {
                if (c == '$' || c == '#' || c == '}' || c == '*' || c > 0x7E)
                {
                    throw new ArgumentException($"payload needs escaping, not supported for commands: {payload}");
                }
                sum += c;
            }
            return "$" + payload + "#" + (sum & 0xFF).ToString("x2");
        }

        public static byte Checksum(byte[] data, int offset, int count)
        {
            var sum = 0;
            for (var i = 0; i < count; i++)
            {
                sum += data[offset + i];
            }
            return (byte)sum;
        }

        /// <summary>Undoes escapes and run-length encoding of a received payload.</summary>
        public static string Decode(byte[] raw, int offset, int count)
        {
            var sb = new StringBuilder(count);
            for (var i = 0; i < count; i++)
            {
                var b = raw[offset + i];
                if (b == '}' && i + 1 < count)
                {
                    sb.Append((char)(raw[offset + ++i] ^ 0x20));
                }
                else if (b == '*' && i + 1 < count && sb.Length > 0)
                {
                    var repeat = raw[offset + ++i] - 29;
                    sb.Append(sb[sb.Length - 1], repeat);
                }
                else
                {
                    sb.Append((char)b);
                }
            }
            return sb.ToString();
        }

        public static string Hex(byte[] data, int offset, int count)
        {
            var sb = new StringBuilder(count * 2);
            for (var i = 0; i < count; i++)
            {
                sb.Append(data[offset + i].ToString("x2"));
            }
            return sb.ToString();
        }

        public static byte[] FromHex(string hex)
        {
            var bytes = new byte[hex.Length / 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = Convert.ToByte(hex.Substring(2 * i, 2), 16);
            }
            return bytes;
        }

        /// <summary>Registers travel in target byte order: little-endian hex.</summary>
        public static string HexWord(uint value) => Hex(BitConverter.GetBytes(value), 0, 4);

        public static uint WordFromHex(string hex, int at)
        {
            uint v = 0;
            for (var i = 3; i >= 0; i--)
            {
                v = (v << 8) | Convert.ToUInt32(hex.Substring(at + 2 * i, 2), 16);
            }
            return v;
        }
    }
}
