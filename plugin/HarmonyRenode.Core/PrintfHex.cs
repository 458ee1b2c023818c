using System.Globalization;

namespace HarmonyRenode.Core
{
    /// <summary>
    /// The kernel's printf hex conversions, in one place, for every line the model prints as LiteOS-A would
    /// (log lines, `vmm`, `v2p`, the heap reports).
    /// </summary>
    public static class PrintfHex
    {
        /// <summary>"%#x": "0" for zero, else "0x" and lowercase digits.</summary>
        public static string Alternate(uint value) => value == 0 ? "0" : Prefixed(value);

        /// <summary>"0x%x".</summary>
        public static string Prefixed(uint value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

        /// <summary>"%#010x": ten characters, "0000000000" for zero (the alternate form drops its prefix there).</summary>
        public static string Alternate010(uint value) =>
            value == 0 ? "0000000000" : "0x" + value.ToString("x8", CultureInfo.InvariantCulture);
    }
}
