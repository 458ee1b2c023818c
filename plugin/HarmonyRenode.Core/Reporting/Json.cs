using System.Globalization;
using System.IO;

namespace HarmonyRenode.Core.Reporting
{
    /// <summary>The little JSON the trace needs, written by hand: the core is netstandard2.0 and Renode loads it as is.</summary>
    internal static class Json
    {
        public static void String(TextWriter w, string? value)
        {
            w.Write('"');
            foreach (var c in value ?? "")
            {
                switch (c)
                {
                    case '"': w.Write("\\\""); break;
                    case '\\': w.Write("\\\\"); break;
                    case '\n': w.Write("\\n"); break;
                    case '\r': w.Write("\\r"); break;
                    case '\t': w.Write("\\t"); break;
                    default:
                        if (c < 0x20)
                        {
                            w.Write("\\u");
                            w.Write(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            w.Write(c);
                        }
                        break;
                }
            }
            w.Write('"');
        }

        public static void Number(TextWriter w, long value) => w.Write(value.ToString(CultureInfo.InvariantCulture));

        public static void Number(TextWriter w, ulong value) => w.Write(value.ToString(CultureInfo.InvariantCulture));

        public static void Number(TextWriter w, double value) => w.Write(value.ToString("R", CultureInfo.InvariantCulture));

        public static string Hex(uint value) => "0x" + value.ToString("x8", CultureInfo.InvariantCulture);
    }
}
