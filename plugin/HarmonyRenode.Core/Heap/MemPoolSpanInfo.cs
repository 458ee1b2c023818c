namespace HarmonyRenode.Core.Heap
{
    /// <summary>A span of the pool: the initial pool or an expansion taken from contiguous pages (docs/memory-manager.md §2.7).</summary>
    public readonly record struct MemPoolSpanInfo(uint Start, uint FirstNode, uint Size, uint Sentinel)
    {
        public override string ToString() => $"span 0x{Start:x8} size 0x{Size:x}";
    }
}
