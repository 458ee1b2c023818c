using System;

namespace HarmonyRenode.Qemu.Elf
{
    /// <summary>Why a firmware file cannot be run, in one line that starts with the file's name.</summary>
    public sealed class FirmwareElfException : Exception
    {
        public FirmwareElfException(string message, bool missingSymbols = false)
            : base(message)
        {
            MissingSymbols = missingSymbols;
        }

        /// <summary>
        /// True when the file is a sound ARM ELF that lacks symbols of the guest ABI (stripped, or an incomplete
        /// runtime): exit 3. False when the file itself is not a usable ELF: exit 2.
        /// </summary>
        public bool MissingSymbols { get; }
    }
}
