using System;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// MAP_* as the LiteOS-A port of musl defines them (sys/mman.h); SupportMask is LiteOS-A's MAP_SUPPORT_MASK
    /// (los_vm_syscall.c). The guest passes them as a raw word (ILosMemoryApi); Guest.LosMemoryApi converts.
    /// </summary>
    [Flags]
    public enum MapFlags : uint
    {
        None = 0,
        Shared = 0x01,
        Private = 0x02,
        SharedPrivate = 0x03,
        Fixed = 0x10,
        Anonymous = 0x20,
        SupportMask = 0x23,
        FixedNoReplace = 0x100000,
    }
}
