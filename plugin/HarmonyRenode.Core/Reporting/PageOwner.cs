namespace HarmonyRenode.Core.Reporting
{
    /// <summary>Who a physical page belongs to in the report's memory map (the order is the legend's).</summary>
    public enum PageOwner
    {
        Free,
        KernelImage,
        Heap,
        PageTables,
        Vmalloc,
        UserAnonymous,
        CowShared,
        OtherKernel,
    }
}
