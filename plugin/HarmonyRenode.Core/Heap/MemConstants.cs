namespace HarmonyRenode.Core.Heap
{
    /// <summary>
    /// Layout constants of the TLSF pool on the 32-bit build with default Kconfig (docs/memory-manager.md §2.1-2.2):
    /// 12-byte node heads, 936-byte pool head, 223 free lists behind a 7-word bitmap.
    /// </summary>
    public static class MemConstants
    {
        public const uint NodeMagic = 0xABCDDCBA;

        public const uint UsedFlag = 0x80000000;
        public const uint AlignedFlag = 0x40000000;
        public const uint LastFlag = 0x20000000;
        public const uint FlagMask = UsedFlag | AlignedFlag | LastFlag;

        /// <summary>OS_MEM_NODE_HEAD_SIZE: magic, prev/next, sizeAndFlag.</summary>
        public const uint NodeHeadSize = 12;

        /// <summary>OS_MEM_MIN_ALLOC_SIZE = sizeof(free node head) 20 - 12.</summary>
        public const uint MinAllocSize = 8;

        public const uint AlignSize = 4;

        public const int SmallBucketCount = 31;
        public const uint SmallBucketMaxSize = 128;
        public const int LargeBucketCount = 24;
        public const int Sli = 3;
        public const int FreeListNum = 1 << Sli;
        public const int LargeStartBucket = 7;
        public const int FreeListCount = SmallBucketCount + (LargeBucketCount << Sli);
        public const int BitmapWords = (FreeListCount >> 5) + 1;

        /// <summary>Pool head field offsets: info {pool, totalSize, attr}, bitmap[7], freeList[223], spinlock.</summary>
        public const uint InfoPoolOffset = 0;
        public const uint InfoTotalSizeOffset = 4;
        public const uint InfoAttrOffset = 8;
        public const uint BitmapOffset = 12;
        public const uint FreeListOffset = BitmapOffset + 4 * BitmapWords;
        public const uint SpinlockOffset = FreeListOffset + 4 * FreeListCount;
        public const uint PoolHeadSize = SpinlockOffset + 4;

        /// <summary>OS_MEM_MIN_POOL_SIZE: LOS_MemInit needs more than this.</summary>
        public const uint MinPoolSize = NodeHeadSize + PoolHeadSize;

        public const uint PoolAttrExpandEnable = 0x01;
        public const uint PoolAttrLockEnable = 0x02;

        /// <summary>Offsets inside a node: header words, then the free-list links of a free node.</summary>
        public const uint MagicOffset = 0;
        public const uint PtrOffset = 4;
        public const uint SizeAndFlagOffset = 8;
        public const uint FreePrevOffset = 12;
        public const uint FreeNextOffset = 16;

        /// <summary>The split threshold: a remainder must hold a free node head (12 + 8).</summary>
        public const uint SplitThreshold = NodeHeadSize + MinAllocSize;

        public static uint NodeSize(uint sizeAndFlag) => sizeAndFlag & ~FlagMask;

        public static uint Round4(uint value) => (value + AlignSize - 1) & ~(AlignSize - 1);
    }
}
