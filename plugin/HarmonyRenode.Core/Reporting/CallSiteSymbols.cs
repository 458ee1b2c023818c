using System;
using System.Collections.Generic;
using System.Linq;
using HarmonyRenode.Core.Guest;

namespace HarmonyRenode.Core.Reporting
{
    /// <summary>Return address → "function+0xoffset" from an ELF's function symbols (the Thumb bit of LR ignored).</summary>
    public sealed class CallSiteSymbols
    {
        private readonly uint[] starts;
        private readonly ElfSymbol[] functions;

        public CallSiteSymbols(ElfSymbols symbols)
        {
            functions = symbols.All.Where(s => s.Type == ElfSymbolType.Function).OrderBy(s => s.Address).ToArray();
            starts = functions.Select(s => s.Address).ToArray();
        }

        public string? Describe(uint address)
        {
            address &= ~1u;
            var i = Array.BinarySearch(starts, address);
            if (i < 0)
            {
                i = ~i - 1;
            }
            if (i < 0)
            {
                return null;
            }
            var f = functions[i];
            // Past a sized symbol's end the address belongs to something unnamed.
            if (f.Size != 0 && address - f.Address >= f.Size)
            {
                return null;
            }
            return address == f.Address ? f.Name : $"{f.Name}+0x{address - f.Address:x}";
        }
    }
}
