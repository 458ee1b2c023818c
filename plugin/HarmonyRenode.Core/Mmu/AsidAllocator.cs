using System;

namespace HarmonyRenode.Core.Mmu
{
    /// <summary>
    /// los_asid.c: MMU_ARM_ASID_BITS = 8, a 256-bit bitmap, lowest free bit first. At boot the kernel space takes
    /// 0 and the vmalloc space 1, so user spaces get 2..255; a full bitmap makes user space creation fail.
    /// </summary>
    public sealed class AsidAllocator
    {
        public const int AsidBits = 8;
        public const int AsidCount = 1 << AsidBits;

        private readonly ulong[] bitmap = new ulong[AsidCount / 64];

        public int InUse { get; private set; }

        /// <summary>OsAllocAsid: false when all 256 are taken.</summary>
        public bool OsAllocAsid(out uint asid)
        {
            for (var word = 0; word < bitmap.Length; word++)
            {
                if (bitmap[word] == ulong.MaxValue)
                {
                    continue;
                }
                var bit = 0;
                while ((bitmap[word] & (1UL << bit)) != 0)
                {
                    bit++;
                }
                bitmap[word] |= 1UL << bit;
                InUse++;
                asid = (uint)(word * 64 + bit);
                return true;
            }
            asid = 0;
            return false;
        }

        /// <summary>OsFreeAsid.</summary>
        public void OsFreeAsid(uint asid)
        {
            if (asid >= AsidCount)
            {
                throw new ArgumentOutOfRangeException(nameof(asid));
            }
            var mask = 1UL << (int)(asid % 64);
            if ((bitmap[asid / 64] & mask) != 0)
            {
                bitmap[asid / 64] &= ~mask;
                InUse--;
            }
        }

        public bool IsAllocated(uint asid) => asid < AsidCount && (bitmap[asid / 64] & (1UL << (int)(asid % 64))) != 0;
    }
}
