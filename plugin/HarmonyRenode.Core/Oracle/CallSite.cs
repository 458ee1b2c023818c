using System.Collections.Generic;

namespace HarmonyRenode.Core.Oracle
{
    /// <summary>
    /// Where the guest was when it called a hooked function: the return address (LR) first, then the return addresses
    /// of the callers found through the frame records (r11) when the firmware keeps them. Raw addresses only: naming
    /// them (ELF symbols, DWARF lines) is the host's job, so the core needs neither the ELF nor a DWARF reader.
    /// </summary>
    public sealed class CallSite
    {
        public CallSite(IReadOnlyList<uint> frames)
        {
            Frames = frames;
        }

        /// <summary>Return addresses, innermost first; never empty.</summary>
        public IReadOnlyList<uint> Frames { get; }

        /// <summary>The return address into the caller of the hooked function (its LR), or the faulting PC.</summary>
        public uint Pc => Frames[0];

        public static CallSite At(uint pc) => new CallSite(new[] { pc });
    }
}
