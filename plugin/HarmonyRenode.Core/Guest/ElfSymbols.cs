using System;
using System.Collections.Generic;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// The symbols of a firmware image, enough to find its hooked functions and ABI data. The core does not read
    /// files: engines fill this from their own ELF reader (the QEMU host with ELFSharp, HarmonyRenode.Qemu/Elf) or
    /// symbol lookup (Renode, <see cref="FromLookup"/>), so it stays free of any ELF package.
    /// </summary>
    public sealed class ElfSymbols
    {
        private readonly Dictionary<string, ElfSymbol> byName = new Dictionary<string, ElfSymbol>(StringComparer.Ordinal);

        /// <param name="entry">e_entry.</param>
        /// <param name="symbols">The defined symbols; of several with one name a global one wins.</param>
        public ElfSymbols(uint entry, IEnumerable<ElfSymbol> symbols)
        {
            Entry = entry;
            foreach (var symbol in symbols)
            {
                // Global definitions win over locals of the same name (static helpers in other files).
                if (!byName.TryGetValue(symbol.Name, out var existing) || (!existing.IsGlobal && symbol.IsGlobal))
                {
                    byName[symbol.Name] = symbol;
                }
            }
        }

        /// <summary>e_entry: where the CPU starts.</summary>
        public uint Entry { get; }

        public IEnumerable<ElfSymbol> All => byName.Values;

        /// <summary>
        /// Symbols an engine already knows from its own ELF loader (Renode's `sysbus LoadELF`): <paramref name="lookup"/>
        /// gives a name's address or null; names it does not know are left out, as if the ELF did not define them.
        /// </summary>
        public static ElfSymbols FromLookup(uint entry, IEnumerable<string> names, Func<string, uint?> lookup)
        {
            var found = new List<ElfSymbol>();
            foreach (var name in names)
            {
                var address = lookup(name);
                if (address.HasValue)
                {
                    found.Add(new ElfSymbol(name, address.Value, 0, ElfSymbolType.NoType, true));
                }
            }
            return new ElfSymbols(entry, found);
        }

        public bool TryGet(string name, out ElfSymbol symbol) => byName.TryGetValue(name, out symbol);

        public bool Contains(string name) => byName.ContainsKey(name);

        /// <summary>The symbol's address; throws naming the symbol when the firmware lacks it.</summary>
        public uint AddressOf(string name)
        {
            if (!byName.TryGetValue(name, out var symbol))
            {
                throw new MissingSymbolException(name);
            }
            return symbol.Address;
        }
    }
}
