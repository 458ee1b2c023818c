using HarmonyRenode.Core.Guest;
using HarmonyRenode.Qemu.Elf;

namespace HarmonyRenode.Qemu
{
    /// <summary>
    /// `ElfSymbols.Load(path)` for host code: the core no longer reads files, the reader is <see cref="FirmwareElf"/>
    /// (ELFSharp). A static extension so callers written against the core's former loader keep compiling.
    /// </summary>
    public static class ElfSymbolsLoading
    {
        extension(ElfSymbols)
        {
            public static ElfSymbols Load(string path) => FirmwareElf.Load(path);
        }
    }
}
