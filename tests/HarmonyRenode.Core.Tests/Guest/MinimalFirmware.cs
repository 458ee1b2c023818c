using System.Collections.Generic;
using HarmonyRenode.Core.Guest;

namespace HarmonyRenode.Core.Tests.Guest
{
    /// <summary>The fewest firmware symbols a session boots with: image end, boot table, the two pool globals, g_hrConfig at 0x40008040.</summary>
    internal static class MinimalFirmware
    {
        public const uint ConfigBlock = 0x40008040;

        public static ElfSymbols Symbols()
        {
            var symbols = new Dictionary<string, uint>
            {
                [GuestAbi.BssEnd] = 0x40100000,
                [GuestAbi.FirstPageTable] = 0x40004000,
                [GuestAbi.SysMem0] = 0x40008000,
                [GuestAbi.SysMem1] = 0x40008004,
                [GuestAbi.ConfigBlock] = ConfigBlock,
            };
            return ElfSymbols.FromLookup(0x40000000, symbols.Keys, n => symbols.TryGetValue(n, out var a) ? a : (uint?)null);
        }
    }
}
