using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;
using HarmonyRenode.Core.Guest;

namespace HarmonyRenode.Qemu.Elf
{
    /// <summary>
    /// Reads a firmware ELF's symbol table with ELFSharp (the reader Renode's `LoadELF` uses), so the core keeps only
    /// the <see cref="ElfSymbols"/> abstraction. Every way a file can be unusable ends in one
    /// <see cref="FirmwareElfException"/> naming the file and the problem: nothing ELFSharp throws on a truncated or
    /// corrupted file escapes as a stack trace.
    /// </summary>
    public static class FirmwareElf
    {
        private const int HeaderSize = 52;
        private const int SectionHeaderSize = 40;
        private const int SymbolEntrySize = 16;

        /// <summary>The file's symbols (empty when it has no symbol table: see <see cref="RequireAbi"/>).</summary>
        public static ElfSymbols Load(string path)
        {
            byte[] image;
            try
            {
                image = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new FirmwareElfException($"{path}: cannot read the file: {OneLine(ex.Message)}");
            }
            return Parse(image, path);
        }

        /// <summary><see cref="Load"/> on bytes already read; <paramref name="name"/> starts every message.</summary>
        public static ElfSymbols Parse(byte[] image, string name)
        {
            CheckHeader(image, name);
            ELF<uint> elf;
            try
            {
                if (!ELFReader.TryLoad(new MemoryStream(image, false), true, out elf))
                {
                    throw new FirmwareElfException($"{name}: not a 32-bit ELF file");
                }
            }
            catch (Exception ex) when (IsReaderFailure(ex))
            {
                throw new FirmwareElfException($"{name}: malformed ELF: {Describe(ex, image)}");
            }
            using (elf)
            {
                try
                {
                    return new ElfSymbols(elf.EntryPoint, SymbolsOf(elf, image, name));
                }
                catch (Exception ex) when (IsReaderFailure(ex))
                {
                    throw new FirmwareElfException($"{name}: malformed symbol table: {Describe(ex, image)}");
                }
            }
        }

        /// <summary>
        /// Throws, naming every missing one, unless the firmware defines all symbols of the guest ABI
        /// (<see cref="GuestAbi.Symbols"/>, firmware/ABI.md).
        /// </summary>
        public static void RequireAbi(ElfSymbols symbols, string name)
        {
            var missing = GuestAbi.Symbols.Where(s => !symbols.Contains(s)).ToList();
            if (missing.Count == 0)
            {
                return;
            }
            var why = symbols.All.Any() ? "lacks guest ABI symbols" : "has no symbol table (stripped?); missing guest ABI symbols";
            throw new FirmwareElfException($"{name}: {why}: {string.Join(", ", missing)} (see firmware/ABI.md)", missingSymbols: true);
        }

        /// <summary>What ELFSharp assumes without checking: the identification bytes, and headers inside the file.</summary>
        private static void CheckHeader(byte[] image, string name)
        {
            if (image.Length < 4 || image[0] != 0x7F || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            {
                throw new FirmwareElfException($"{name}: not an ELF file");
            }
            if (image.Length < HeaderSize)
            {
                throw new FirmwareElfException($"{name}: truncated ELF: {image.Length} bytes, shorter than the {HeaderSize}-byte ELF header");
            }
            if (image[4] != 1 || image[5] != 1)
            {
                throw new FirmwareElfException($"{name}: not a 32-bit little-endian ELF (class {image[4]}, data {image[5]})");
            }
            var machine = U16(image, 18);
            if (machine != (ushort)Machine.ARM)
            {
                throw new FirmwareElfException($"{name}: e_machine {machine} is not ARM ({(ushort)Machine.ARM})");
            }
            var shoff = U32(image, 32);
            var shentsize = U16(image, 46);
            var shnum = U16(image, 48);
            var shstrndx = U16(image, 50);
            if (shnum == 0)
            {
                // No section headers: no symbol table; RequireAbi says so.
                return;
            }
            if (shentsize != SectionHeaderSize)
            {
                throw new FirmwareElfException($"{name}: malformed ELF: section header size {shentsize}, not {SectionHeaderSize}");
            }
            if ((ulong)shoff + (ulong)shnum * SectionHeaderSize > (ulong)image.Length)
            {
                throw new FirmwareElfException($"{name}: truncated or malformed ELF: {shnum} section headers at offset 0x{shoff:x} " +
                    $"run past the end of the file ({image.Length} bytes)");
            }
            if (shstrndx >= shnum)
            {
                throw new FirmwareElfException($"{name}: malformed ELF: section name table index {shstrndx} is not below the section count {shnum}");
            }
            for (var i = 0; i < shnum; i++)
            {
                var header = (int)shoff + i * SectionHeaderSize;
                const uint ShtNobits = 8;
                var type = U32(image, header + 4);
                var offset = U32(image, header + 16);
                var size = U32(image, header + 20);
                if (type != ShtNobits && type != 0 && (ulong)offset + size > (ulong)image.Length)
                {
                    throw new FirmwareElfException($"{name}: truncated or malformed ELF: section {i} (0x{offset:x}, 0x{size:x} bytes) " +
                        $"runs past the end of the file ({image.Length} bytes)");
                }
            }
        }

        private static IEnumerable<ElfSymbol> SymbolsOf(ELF<uint> elf, byte[] image, string name)
        {
            var symbols = new List<ElfSymbol>();
            foreach (var table in elf.GetSections<SymbolTable<uint>>().Where(t => t.Type == SectionType.SymbolTable))
            {
                if (table.EntrySize != SymbolEntrySize)
                {
                    throw new FirmwareElfException($"{name}: malformed symbol table: entry size {table.EntrySize}, not {SymbolEntrySize}");
                }
                foreach (var entry in table.Entries)
                {
                    if (entry.PointedSectionIndex == 0 || string.IsNullOrEmpty(entry.Name) || entry.Name.StartsWith("$", StringComparison.Ordinal))
                    {
                        continue; // undefined, unnamed, or an ARM mapping symbol ($a, $d, $t: code/data marks, not names)
                    }
                    symbols.Add(new ElfSymbol(entry.Name, entry.Value, entry.Size, TypeOf(entry.Type), entry.Binding == SymbolBinding.Global));
                }
            }
            return symbols;
        }

        private static ElfSymbolType TypeOf(SymbolType type)
        {
            switch (type)
            {
                case SymbolType.Object: return ElfSymbolType.Object;
                case SymbolType.Function: return ElfSymbolType.Function;
                case SymbolType.Section: return ElfSymbolType.Section;
                case SymbolType.File: return ElfSymbolType.File;
                default: return ElfSymbolType.NoType;
            }
        }

        /// <summary>What a reader throws on bytes that do not hold together (offsets past the end, bad counts, bad text).</summary>
        private static bool IsReaderFailure(Exception ex) =>
            !(ex is FirmwareElfException) && !(ex is OutOfMemoryException) && !(ex is StackOverflowException);

        private static string Describe(Exception ex, byte[] image)
        {
            switch (ex)
            {
                case EndOfStreamException _:
                case IndexOutOfRangeException _:
                case ArgumentOutOfRangeException _:
                case ArgumentException _:
                    return $"an offset or size points outside the file ({image.Length} bytes)";
                case OverflowException _:
                    return "an offset or size is out of range";
                default:
                    return OneLine(ex.Message);
            }
        }

        private static string OneLine(string text) => string.Join(" ", text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));

        private static ushort U16(byte[] b, int at) => (ushort)(b[at] | b[at + 1] << 8);

        private static uint U32(byte[] b, int at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);
    }
}
