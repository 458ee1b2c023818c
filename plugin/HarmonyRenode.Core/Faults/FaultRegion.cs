namespace HarmonyRenode.Core.Faults
{
    /// <summary>What the fault handler needs of a LosVmMapRegion: its range, regionFlags and regionType.</summary>
    public readonly record struct FaultRegion(uint Base, uint Size, RegionFlags RegionFlags, uint RegionType)
    {
        /// <summary>Region types (los_vm_map.h): NONE 0, ANON 1, FILE 2, DEV 4.</summary>
        public const uint TypeNone = 0x0;
        public const uint TypeAnon = 0x1;
        public const uint TypeFile = 0x2;
        public const uint TypeDev = 0x4;

        public override string ToString() => $"region 0x{Base:X8}+0x{Size:X} flags 0x{(uint)RegionFlags:X} type {RegionType}";
    }
}
