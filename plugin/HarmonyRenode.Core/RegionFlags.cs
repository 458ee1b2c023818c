namespace HarmonyRenode.Core
{
    /// <summary>VM_MAP_REGION_FLAG_* (los_vm_map.h, docs/memory-manager.md §3.1): region flags, also the MMU flags of a mapping.</summary>
    public static class RegionFlags
    {
        public const uint Cached = 0;
        public const uint Uncached = 1;
        public const uint UncachedDevice = 2;
        public const uint StronglyOrdered = 3;
        public const uint CacheMask = 0x3;
        public const uint PermUser = 1u << 2;
        public const uint PermRead = 1u << 3;
        public const uint PermWrite = 1u << 4;
        public const uint PermExecute = 1u << 5;
        public const uint ProtMask = 0xFu << 2;
        public const uint NonSecure = 1u << 6;
        public const uint Shared = 1u << 7;
        public const uint Private = 1u << 8;
        public const uint FlagMask = 3u << 7;
        public const uint Stack = 1u << 9;
        public const uint Heap = 1u << 10;
        public const uint Data = 1u << 11;
        public const uint Text = 1u << 12;
        public const uint Bss = 1u << 13;
        public const uint Vdso = 1u << 14;
        public const uint Mmap = 1u << 15;
        public const uint Shm = 1u << 16;
        public const uint Fixed = 1u << 17;
        public const uint FixedNoReplace = 1u << 18;
        public const uint LiteIpc = 1u << 19;
        public const uint Invalid = 1u << 20;
    }
}
