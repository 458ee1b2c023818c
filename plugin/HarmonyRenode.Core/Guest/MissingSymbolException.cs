using System.Collections.Generic;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// The firmware lacks a symbol of the guest ABI (firmware/ABI.md). A KeyNotFoundException so callers that
    /// looked symbols up before keep working; engines map it to their "configuration missing" exit code.
    /// </summary>
    public sealed class MissingSymbolException : KeyNotFoundException
    {
        public MissingSymbolException(string symbol)
            : base($"firmware has no symbol '{symbol}' (see firmware/ABI.md)")
        {
            Symbol = symbol;
        }

        public string Symbol { get; }
    }
}
