namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// MMU_DESCRIPTOR_* of los_mmu_descriptor_v6.h with their computed values (docs/memory-manager.md §4.2), UP build
    /// (LOSCFG_KERNEL_SMP=n: no shareable bits anywhere).
    /// </summary>
    public static class MmuDescriptor
    {
        // Domains (the CLIENT value 1 is reused as the domain NUMBER in L1 entries, hence 0x20).
        public const uint DomainManager = 0;
        public const uint DomainClient = 1;
        public const uint DomainNoAccess = 2;

        // First level.
        public const uint L1TypeInvalid = 0;
        public const uint L1TypePageTable = 1;
        public const uint L1TypeSection = 2;
        public const uint L1TypeMask = 3;
        public const uint L1SmallSize = 0x100000;
        public const int L1SmallShift = 20;
        public const uint L1SectionFrame = 0xFFF00000;
        public const uint L1PageTableFrame = ~0x3FFu;
        public const int L1SmallL2TablesPerPage = 4;
        /// <summary>MMU_DESCRIPTOR_L1_SMALL_ENTRY_NUMBERS: used as the BYTE size of the kernel table.</summary>
        public const uint L1SmallEntryNumbers = 0x4000;
        public const uint L1SmallDomainMask = ~(0xFu << 5);
        public const uint L1SmallDomainClient = DomainClient << 5;
        public const uint L1PageTableNonSecure = 1u << 3;
        public const uint L1SectionXn = 1u << 4;
        public const uint L1SectionShareable = 1u << 16;
        public const uint L1SectionNonGlobal = 1u << 17;
        public const uint L1SectionNonSecure = 1u << 19;
        public const int L1TexShift = 12;
        public const uint L1TypeStronglyOrdered = 0x0;
        public const uint L1TypeNormalNoCache = 1u << L1TexShift;
        public const uint L1TypeDeviceShared = 0x4;
        public const uint L1TypeDeviceNonShared = 2u << L1TexShift;
        public const uint L1TypeNormalWriteBackAllocate = (1u << L1TexShift) | 0xC;
        public const uint L1TexTypeMask = (7u << L1TexShift) | 0xC;
        public const uint L1ApPNaUNa = 0x0;
        public const uint L1ApPRwUNa = 0x400;
        public const uint L1ApPRwURw = 0xC00;
        public const uint L1ApPRoUNa = 0x8400;
        public const uint L1ApPRoURo = 0x8C00;
        public const uint L1ApMask = 0x8C00;

        // Second level.
        public const uint L2TypeInvalid = 0;
        public const uint L2TypeLargePage = 1;
        public const uint L2TypeSmallPage = 2;
        public const uint L2TypeSmallPageXn = 3;
        public const uint L2TypeMask = 3;
        public const uint L2SmallSize = 0x1000;
        public const int L2SmallShift = 12;
        public const uint L2SmallFrame = ~0xFFFu;
        public const int L2NumbersPerL1 = 256;
        /// <summary>One L2 table: 256 entries of 4 bytes.</summary>
        public const uint L2TableSize = 0x400;
        public const int L2TexShift = 6;
        public const uint L2TypeStronglyOrdered = 0x0;
        public const uint L2TypeNormalNoCache = 1u << L2TexShift;
        public const uint L2TypeDeviceShared = 0x4;
        public const uint L2TypeDeviceNonShared = 2u << L2TexShift;
        public const uint L2TypeNormalWriteBackAllocate = (1u << L2TexShift) | 0xC;
        public const uint L2TexTypeMask = (7u << L2TexShift) | 0xC;
        public const uint L2ApPNaUNa = 0x0;
        public const uint L2ApPRwUNa = 0x10;
        public const uint L2ApPRwURw = 0x30;
        public const uint L2ApPRoUNa = 0x210;
        public const uint L2ApPRoURo = 0x230;
        public const uint L2ApMask = 0x230;
        public const uint L2Shareable = 1u << 10;
        public const uint L2NonGlobal = 1u << 11;

        // Translation table base / control.
        public const uint TtbcrPd0 = 1u << 4;
        public const uint TtbrRgnWriteBackAllocate = 1u << 3;
        public const uint TtbrIrgnWriteBackAllocate = 1u << 6;
        /// <summary>MMU_TTBRx_FLAGS, UP build: RGN(1) | IRGN(1).</summary>
        public const uint TtbrFlags = TtbrRgnWriteBackAllocate | TtbrIrgnWriteBackAllocate;

        /// <summary>MMU_DESCRIPTOR_KERNEL_L1_PTE_FLAGS: section, normal WB, priv RW, domain client, executable.</summary>
        public const uint KernelL1PteFlags = L1TypeSection | L1TypeNormalWriteBackAllocate | L1ApPRwUNa | L1SmallDomainClient;
        public const uint InitialMapStronglyOrdered = L1TypeSection | L1TypeStronglyOrdered | L1ApPRwUNa | L1SmallDomainClient;
        public const uint InitialMapNormalNoCache = L1TypeSection | L1TypeNormalNoCache | L1ApPRwUNa | L1SmallDomainClient;
        public const uint InitialMapDevice = L1TypeSection | L1TypeDeviceShared | L1ApPRwUNa | L1SmallDomainClient;
    }
}
