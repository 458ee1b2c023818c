
namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// Region flags ↔ descriptor attribute bits (los_arch_mmu.c OsCvt*; docs/memory-manager.md §4.3), UP build: CACHED carries no
    /// shareable bit. The reverse direction is what LOS_ArchMmuQuery reports, so it loses SHARED/PRIVATE and the
    /// name flags and always adds PERM_READ.
    /// </summary>
    public static class MmuFlagConversion
    {
        private const RegionFlags UserReadWrite = RegionFlags.PermUser | RegionFlags.PermRead | RegionFlags.PermWrite;

        /// <summary>OsCvtSecFlagsToAttrs: section attributes without type and base.</summary>
        public static uint OsCvtSecFlagsToAttrs(RegionFlags flags)
        {
            uint attrs;
            switch (flags & RegionFlags.CacheMask)
            {
                case RegionFlags.Cached:
                    attrs = MmuDescriptor.L1TypeNormalWriteBackAllocate;
                    break;
                case RegionFlags.StronglyOrdered:
                    attrs = MmuDescriptor.L1TypeStronglyOrdered;
                    break;
                case RegionFlags.Uncached:
                    attrs = MmuDescriptor.L1TypeNormalNoCache;
                    break;
                default:
                    attrs = MmuDescriptor.L1TypeDeviceShared;
                    break;
            }
            attrs |= MmuDescriptor.L1SmallDomainClient;
            attrs |= AccessToSectionAp(flags);
            if ((flags & RegionFlags.PermExecute) == 0)
            {
                attrs |= MmuDescriptor.L1SectionXn;
            }
            if ((flags & RegionFlags.NonSecure) != 0)
            {
                attrs |= MmuDescriptor.L1SectionNonSecure;
            }
            if ((flags & RegionFlags.PermUser) != 0)
            {
                attrs |= MmuDescriptor.L1SectionNonGlobal;
            }
            return attrs;
        }

        /// <summary>OsCvtPte2FlagsToAttrs: small-page attributes including the type (2, or 3 = XN), without base.</summary>
        public static uint OsCvtPte2FlagsToAttrs(RegionFlags flags)
        {
            uint attrs;
            switch (flags & RegionFlags.CacheMask)
            {
                case RegionFlags.Cached:
                    attrs = MmuDescriptor.L2TypeNormalWriteBackAllocate;
                    break;
                case RegionFlags.StronglyOrdered:
                    attrs = MmuDescriptor.L2TypeStronglyOrdered;
                    break;
                case RegionFlags.Uncached:
                    attrs = MmuDescriptor.L2TypeNormalNoCache;
                    break;
                default:
                    attrs = MmuDescriptor.L2TypeDeviceShared;
                    break;
            }
            attrs |= AccessToPte2Ap(flags);
            attrs |= (flags & RegionFlags.PermExecute) == 0 ? MmuDescriptor.L2TypeSmallPageXn : MmuDescriptor.L2TypeSmallPage;
            if ((flags & RegionFlags.PermUser) != 0)
            {
                attrs |= MmuDescriptor.L2NonGlobal;
            }
            return attrs;
        }

        /// <summary>OsCvtSecAttsToFlags.</summary>
        public static RegionFlags OsCvtSecAttsToFlags(uint l1Entry)
        {
            var flags = RegionFlags.None;
            if ((l1Entry & MmuDescriptor.L1SectionNonSecure) != 0)
            {
                flags |= RegionFlags.NonSecure;
            }
            flags |= MemoryTypeToCacheFlags(l1Entry & MmuDescriptor.L1TexTypeMask, MmuDescriptor.L1TypeStronglyOrdered,
                MmuDescriptor.L1TypeNormalNoCache, MmuDescriptor.L1TypeDeviceShared, MmuDescriptor.L1TypeDeviceNonShared);
            flags |= RegionFlags.PermRead;
            flags |= ApToAccess(l1Entry & MmuDescriptor.L1ApMask, MmuDescriptor.L1ApPRwUNa, MmuDescriptor.L1ApPRoURo,
                MmuDescriptor.L1ApPRwURw);
            if ((l1Entry & MmuDescriptor.L1SectionXn) == 0)
            {
                flags |= RegionFlags.PermExecute;
            }
            return flags;
        }

        /// <summary>OsCvtPte2AttsToFlags: NS comes from the L1 page-table entry (bit 3).</summary>
        public static RegionFlags OsCvtPte2AttsToFlags(uint l1Entry, uint l2Entry)
        {
            var flags = RegionFlags.None;
            if ((l1Entry & MmuDescriptor.L1PageTableNonSecure) != 0)
            {
                flags |= RegionFlags.NonSecure;
            }
            flags |= MemoryTypeToCacheFlags(l2Entry & MmuDescriptor.L2TexTypeMask, MmuDescriptor.L2TypeStronglyOrdered,
                MmuDescriptor.L2TypeNormalNoCache, MmuDescriptor.L2TypeDeviceShared, MmuDescriptor.L2TypeDeviceNonShared);
            flags |= RegionFlags.PermRead;
            flags |= ApToAccess(l2Entry & MmuDescriptor.L2ApMask, MmuDescriptor.L2ApPRwUNa, MmuDescriptor.L2ApPRoURo,
                MmuDescriptor.L2ApPRwURw);
            if ((l2Entry & MmuDescriptor.L2TypeMask) != MmuDescriptor.L2TypeSmallPageXn)
            {
                flags |= RegionFlags.PermExecute;
            }
            return flags;
        }

        private static uint AccessToSectionAp(RegionFlags flags)
        {
            switch (AccessClass(flags))
            {
                case ApClass.NoAccess: return MmuDescriptor.L1ApPNaUNa;
                case ApClass.PrivRead: return MmuDescriptor.L1ApPRoUNa;
                case ApClass.UserRead: return MmuDescriptor.L1ApPRoURo;
                case ApClass.PrivWrite: return MmuDescriptor.L1ApPRwUNa;
                default: return MmuDescriptor.L1ApPRwURw;
            }
        }

        private static uint AccessToPte2Ap(RegionFlags flags)
        {
            switch (AccessClass(flags))
            {
                case ApClass.NoAccess: return MmuDescriptor.L2ApPNaUNa;
                case ApClass.PrivRead: return MmuDescriptor.L2ApPRoUNa;
                case ApClass.UserRead: return MmuDescriptor.L2ApPRoURo;
                case ApClass.PrivWrite: return MmuDescriptor.L2ApPRwUNa;
                default: return MmuDescriptor.L2ApPRwURw;
            }
        }

        /// <summary>The (USER, READ, WRITE) table of docs/memory-manager.md §4.3, shared by L1 and L2.</summary>
        private static ApClass AccessClass(RegionFlags flags)
        {
            switch (flags & UserReadWrite)
            {
                case 0:
                    return ApClass.NoAccess;
                case RegionFlags.PermRead:
                case RegionFlags.PermUser: // quirk: USER alone counts as privileged read-only
                    return ApClass.PrivRead;
                case RegionFlags.PermUser | RegionFlags.PermRead:
                    return ApClass.UserRead;
                case RegionFlags.PermWrite:
                case RegionFlags.PermRead | RegionFlags.PermWrite:
                    return ApClass.PrivWrite;
                default:
                    return ApClass.UserWrite;
            }
        }

        private static RegionFlags MemoryTypeToCacheFlags(uint texCb, uint stronglyOrdered, uint normalNoCache, uint deviceShared,
            uint deviceNonShared)
        {
            if (texCb == stronglyOrdered)
            {
                return RegionFlags.StronglyOrdered;
            }
            if (texCb == normalNoCache)
            {
                return RegionFlags.Uncached;
            }
            if (texCb == deviceShared || texCb == deviceNonShared)
            {
                return RegionFlags.UncachedDevice;
            }
            return RegionFlags.Cached;
        }

        private static RegionFlags ApToAccess(uint ap, uint privWrite, uint userRead, uint userWrite)
        {
            // RO_U_NA and P_NA_U_NA add nothing beyond PERM_READ.
            if (ap == privWrite)
            {
                return RegionFlags.PermWrite;
            }
            if (ap == userRead)
            {
                return RegionFlags.PermUser;
            }
            if (ap == userWrite)
            {
                return RegionFlags.PermUser | RegionFlags.PermWrite;
            }
            return RegionFlags.None;
        }

        private enum ApClass
        {
            NoAccess,
            PrivRead,
            UserRead,
            PrivWrite,
            UserWrite,
        }
    }
}
