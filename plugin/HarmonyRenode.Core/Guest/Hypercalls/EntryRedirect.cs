using System.Collections.Generic;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Guest.Hypercalls
{
    /// <summary>
    /// Redirects each hooked function of the firmware to the model before the first instruction: one branch at the
    /// symbol's entry into its hypercall slot (hr_hypercall_table, or the Thumb table when the symbol's bit 0 says the
    /// entry is Thumb). The body the ELF has - a trapping stub or a real implementation - never runs. Written before
    /// any guest code is translated, so no emulator holds a stale translation of an entry.
    /// </summary>
    public static class EntryRedirect
    {
        /// <summary>Writes the branches; returns the redirected symbols with their ids (index in <paramref name="symbols"/>).</summary>
        public static IReadOnlyDictionary<uint, string> Apply(ElfSymbols elf, IReadOnlyList<string> symbols, IGuestMemory memory,
            System.Func<uint, uint> kernelVaToPa)
        {
            if (symbols.Count > MailboxLayout.Slots)
            {
                throw new System.InvalidOperationException($"{symbols.Count} hooked functions, but {GuestAbi.HypercallTable} has {MailboxLayout.Slots} slots");
            }
            var armTable = elf.AddressOf(GuestAbi.HypercallTable) & ~1u;
            elf.TryGet(GuestAbi.HypercallTableThumb, out var thumbTable);
            var redirected = new Dictionary<uint, string>();
            for (var id = 0; id < symbols.Count; id++)
            {
                if (!elf.TryGet(symbols[id], out var symbol))
                {
                    continue; // the firmware does not use it
                }
                // Bit 0 of the value marks a Thumb entry (ARM ELF ABI 5.5.3); an engine that looks symbols up by name
                // hands the value over untyped, with the bit.
                var thumb = (symbol.Value & 1) != 0 && symbol.Type != ElfSymbolType.Object;
                var entry = symbol.Value & ~1u;
                var slot = (uint)id * MailboxLayout.SlotSize;
                if (thumb)
                {
                    if (thumbTable == null)
                    {
                        throw new MissingSymbolException(GuestAbi.HypercallTableThumb);
                    }
                    var (first, second) = BranchEncoding.ThumbWide(entry, (thumbTable.Value & ~1u) + slot);
                    memory.WriteUInt32(kernelVaToPa(entry), first | (uint)second << 16);
                }
                else
                {
                    memory.WriteUInt32(kernelVaToPa(entry), BranchEncoding.Arm(entry, armTable + slot));
                }
                redirected[entry] = symbols[id];
            }
            return redirected;
        }
    }
}
