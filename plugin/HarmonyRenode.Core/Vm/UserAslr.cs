using System;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// The random offsets of LOSCFG_ASLR (los_load_elf.c, OsGetRndOffset). The kernel reads /dev/urandom; the model
    /// draws from a generator seeded by the user so a run can be repeated. Off (the default, and the arm_virt
    /// configuration the exact-address tests use) every offset is 0.
    /// </summary>
    public sealed class UserAslr
    {
        /// <summary>RANDOM_MASK (los_load_elf.h): ROUNDUP(USER_ASPACE_TOP_MAX, 1 GiB) / 8 - 1, offsets below 128 MiB.</summary>
        public const uint RandomMask = (uint)(((0x3F000000UL + 0x3FFFFFFFUL) & ~0x3FFFFFFFUL) >> 3) - 1;

        private readonly Random? random;

        private UserAslr(int? seed)
        {
            Seed = seed;
            random = seed.HasValue ? new Random(seed.Value) : null;
        }

        /// <summary>ASLR off: every offset 0 (LOSCFG_ASLR unset).</summary>
        public static UserAslr Off { get; } = new UserAslr(null);

        public static UserAslr Seeded(int seed) => new UserAslr(seed);

        public int? Seed { get; }

        public bool Enabled => random != null;

        /// <summary>OsGetRndOffset: ROUNDDOWN(random &amp; RANDOM_MASK, PAGE_SIZE), 0 without ASLR.</summary>
        public uint OsGetRndOffset()
        {
            if (random == null)
            {
                return 0;
            }
            var bytes = new byte[4];
            random.NextBytes(bytes);
            return VmZone.RoundDown(BitConverter.ToUInt32(bytes, 0) & RandomMask, VmZone.PageSize);
        }
    }
}
