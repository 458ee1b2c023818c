namespace HarmonyRenode.Core.Heap
{
    /// <summary>
    /// A word the model wrote into guest RAM (node head, free-list link, alignment gap, pool head) that the guest
    /// has since overwritten. LiteOS-A panics on a broken heap (docs/memory-manager.md §2.8); the model reports instead.
    /// </summary>
    public sealed class HeapCorruption
    {
        public HeapCorruption(uint node, string field, uint address, uint expected, uint actual)
        {
            Node = node;
            Field = field;
            Address = address;
            Expected = expected;
            Actual = actual;
        }

        /// <summary>Start of the broken node (the pool address for pool-head words).</summary>
        public uint Node { get; }

        /// <summary>magic, prev, sizeAndFlag, freePrev, freeNext, gapSize, or a pool-head field.</summary>
        public string Field { get; }

        /// <summary>Kernel virtual address of the word.</summary>
        public uint Address { get; }
        public uint Expected { get; }
        public uint Actual { get; }

        public override string ToString() =>
            $"broken node 0x{Node:x8}: {Field} at 0x{Address:x8} expected 0x{Expected:x8}, actual 0x{Actual:x8}";
    }
}
