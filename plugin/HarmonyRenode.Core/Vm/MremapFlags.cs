using System;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>MREMAP_* (sys/mman.h), the flags of LOS_DoMremap; a raw word at the guest boundary.</summary>
    [Flags]
    public enum MremapFlags : uint
    {
        None = 0,
        MayMove = 1,
        Fixed = 2,
    }
}
