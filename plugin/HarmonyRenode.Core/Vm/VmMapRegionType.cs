namespace HarmonyRenode.Core.Vm
{
    /// <summary>VM_MAP_REGION_TYPE_* (docs/memory-manager.md §3.1). NONE regions are treated as anonymous by the free and fault paths.</summary>
    public enum VmMapRegionType : uint
    {
        None = 0x0,
        Anon = 0x1,
        File = 0x2,
        Dev = 0x4,
        Mask = 0x7,
    }
}
