using System;

namespace HarmonyRenode.Core
{
    /// <summary>
    /// VM_MAP_REGION_FLAG_* (los_vm_map.h, docs/memory-manager.md §3.1): region flags, also the MMU flags of a mapping.
    /// The values are the kernel's: the guest passes and reads them as raw words (ILosMemoryApi, LosVmMapRegion's
    /// regionFlags field), converted at that boundary only. The two low bits are a cache type, not flags.
    /// </summary>
    [Flags]
    public enum RegionFlags : uint
    {
        None = 0,
        Cached = 0,
        Uncached = 1,
        UncachedDevice = 2,
        StronglyOrdered = 3,
        CacheMask = 0x3,
        PermUser = 1u << 2,
        PermRead = 1u << 3,
        PermWrite = 1u << 4,
        PermExecute = 1u << 5,
        ProtMask = 0xFu << 2,
        NonSecure = 1u << 6,
        Shared = 1u << 7,
        Private = 1u << 8,
        FlagMask = 3u << 7,
        Stack = 1u << 9,
        Heap = 1u << 10,
        Data = 1u << 11,
        Text = 1u << 12,
        Bss = 1u << 13,
        Vdso = 1u << 14,
        Mmap = 1u << 15,
        Shm = 1u << 16,
        Fixed = 1u << 17,
        FixedNoReplace = 1u << 18,
        LiteIpc = 1u << 19,
        Invalid = 1u << 20,
    }
}
