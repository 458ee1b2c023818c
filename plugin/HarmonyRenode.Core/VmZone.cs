namespace HarmonyRenode.Core
{
    /// <summary>
    /// The fixed virtual address map of the Cortex-A7 build (los_vm_zone.h, arm_virt board; docs/memory-manager.md §0).
    /// Physical values that depend on the board live in <see cref="MemoryConfig"/>.
    /// </summary>
    public static class VmZone
    {
        public const uint PageSize = 0x1000;
        public const int PageShift = 12;
        public const uint SectionSize = 0x100000;

        public const uint KernelAspaceBase = 0x40000000;
        public const uint KernelAspaceSize = 0x40000000;
        public const uint UncachedVmmBase = KernelAspaceBase + KernelAspaceSize;
        public const uint UncachedVmmSize = 0x40000000;
        public const uint VmallocStart = UncachedVmmBase + UncachedVmmSize;
        public const uint VmallocSize = 0x08000000;
        public const uint PeriphDeviceBase = VmallocStart + VmallocSize;
        public const uint PeriphPmmBase = 0x00000000;
        public const uint PeriphPmmSize = 0x0F000000;
        public const uint PeriphCachedBase = PeriphDeviceBase + PeriphPmmSize;
        public const uint PeriphUncachedBase = PeriphCachedBase + PeriphPmmSize;

        public const uint UserAspaceBase = 0x01000000;
        public const uint UserAspaceSize = KernelAspaceBase - UserAspaceBase - 0x01000000;
        public const uint UserAspaceTopMax = UserAspaceBase + UserAspaceSize;
        public const uint UserHeapBase = UserAspaceTopMax >> 2;
        public const uint UserMapBase = UserAspaceTopMax >> 1;
        public const uint UserMapSize = UserAspaceSize >> 3;

        public static bool IsKernelAddress(uint va) => va >= KernelAspaceBase && va <= KernelAspaceBase + (KernelAspaceSize - 1);

        public static bool IsUserAddress(uint va) => va >= UserAspaceBase && va <= UserAspaceBase + (UserAspaceSize - 1);

        public static bool IsVmallocAddress(uint va) => va >= VmallocStart && va <= VmallocStart + (VmallocSize - 1);

        public static bool IsUserAddressRange(uint va, uint len) => RangeInClass(va, len, IsUserAddress);

        public static bool IsKernelAddressRange(uint va, uint len) => RangeInClass(va, len, IsKernelAddress);

        public static bool IsVmallocAddressRange(uint va, uint len) => RangeInClass(va, len, IsVmallocAddress);

        public static uint RoundUp(uint value, uint align) => (value + align - 1) & ~(align - 1);

        public static uint RoundDown(uint value, uint align) => value & ~(align - 1);

        public static bool IsPageAligned(uint value) => (value & (PageSize - 1)) == 0;

        public static bool IsSectionAligned(uint value) => (value & (SectionSize - 1)) == 0;

        private static bool RangeInClass(uint va, uint len, System.Func<uint, bool> inClass)
        {
            // los_vm_map.h: va + len must not wrap and both ends must be in the class.
            return va + len > va && inClass(va) && inClass(va + len - 1);
        }
    }
}
