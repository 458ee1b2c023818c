using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// The symbol table of a 32-bit little-endian ARM ELF (.symtab with its .strtab), enough to find the
    /// firmware's hooked functions and ABI data. A small reader instead of a package: the format is fixed
    /// (System V gABI, "Symbol Table") and the core must stay dependency-free.
    /// </summary>
    public sealed class ElfSymbols
    {
        private const int SymbolEntrySize = 16;
        private const ushort MachineArm = 40;
        private readonly Dictionary<string, ElfSymbol> byName = new Dictionary<string, ElfSymbol>(StringComparer.Ordinal);

        private ElfSymbols(uint entry, IEnumerable<ElfSymbol> symbols)
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

        public static ElfSymbols Load(string path) => Parse(File.ReadAllBytes(path), path);

        public static ElfSymbols Parse(byte[] image, string sourceName = "ELF image")
        {
            if (image.Length < 52 || image[0] != 0x7F || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            {
                throw new InvalidDataException($"{sourceName}: not an ELF file");
            }
            if (image[4] != 1 || image[5] != 1)
            {
                throw new InvalidDataException($"{sourceName}: not a 32-bit little-endian ELF (class {image[4]}, data {image[5]})");
            }
            var machine = U16(image, 18);
            if (machine != MachineArm)
            {
                throw new InvalidDataException($"{sourceName}: e_machine {machine} is not ARM ({MachineArm})");
            }
            var entry = U32(image, 24);
            var sectionHeaders = U32(image, 32);
            var sectionHeaderSize = U16(image, 46);
            var sectionCount = U16(image, 48);
            var symbols = new List<ElfSymbol>();
            for (var i = 0; i < sectionCount; i++)
            {
                var header = checked((int)(sectionHeaders + (uint)(i * sectionHeaderSize)));
                const uint ShtSymtab = 2;
                if (U32(image, header + 4) != ShtSymtab)
                {
                    continue;
                }
                var offset = U32(image, header + 16);
                var size = U32(image, header + 20);
                var link = U32(image, header + 24);
                var stringsHeader = checked((int)(sectionHeaders + link * sectionHeaderSize));
                var stringsOffset = U32(image, stringsHeader + 16);
                var stringsSize = U32(image, stringsHeader + 20);
                for (var at = offset; at + SymbolEntrySize <= offset + size; at += SymbolEntrySize)
                {
                    var nameOffset = U32(image, (int)at);
                    var info = image[at + 12];
                    var sectionIndex = U16(image, (int)at + 14);
                    if (nameOffset == 0 || sectionIndex == 0 || nameOffset >= stringsSize)
                    {
                        continue; // unnamed or undefined
                    }
                    var name = CString(image, (int)(stringsOffset + nameOffset));
                    if (name.StartsWith("$", StringComparison.Ordinal))
                    {
                        continue; // ARM mapping symbols ($a, $d, $t) mark code/data, they are not names
                    }
                    symbols.Add(new ElfSymbol(name, U32(image, (int)at + 4), U32(image, (int)at + 8),
                        (ElfSymbolType)(info & 0xF), (info >> 4) == 1));
                }
            }
            if (symbols.Count == 0)
            {
                throw new InvalidDataException($"{sourceName}: no symbol table (stripped?)");
            }
            return new ElfSymbols(entry, symbols);
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

        private static ushort U16(byte[] b, int at) => (ushort)(b[at] | b[at + 1] << 8);

        private static uint U32(byte[] b, int at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);

        private static string CString(byte[] b, int at)
        {
            var end = at;
            while (end < b.Length && b[end] != 0)
            {
                end++;
            }
            return Encoding.ASCII.GetString(b, at, end - at);
        }
    }
}
