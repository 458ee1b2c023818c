using System;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// PROT_* as the LiteOS-A port of musl defines them (third_party_musl porting/liteos_a/kernel/include/sys/mman.h).
    /// The guest passes them as a raw word (ILosMemoryApi); Guest.LosMemoryApi converts.
    /// </summary>
    [Flags]
    public enum ProtFlags : uint
    {
        None = 0,
        Read = 1,
        Write = 2,
        Exec = 4,
    }
}
