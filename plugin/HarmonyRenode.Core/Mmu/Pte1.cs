namespace HarmonyRenode.Core.Mmu
{
    /// <summary>A first-level entry as LiteOS-A's los_pte_ops.h sees it (PTE_T pte1): type and base address.</summary>
    public readonly struct Pte1
    {
        public Pte1(uint value)
        {
            Value = value;
        }

        public uint Value { get; }

        public uint Type => Value & MmuDescriptor.L1TypeMask;

        public bool IsInvalid => Type == MmuDescriptor.L1TypeInvalid;

        public bool IsPageTable => Type == MmuDescriptor.L1TypePageTable;

        public bool IsSection => Type == MmuDescriptor.L1TypeSection;

        /// <summary>MMU_DESCRIPTOR_L1_SECTION_ADDR.</summary>
        public uint SectionBase => Value & MmuDescriptor.L1SectionFrame;

        /// <summary>MMU_DESCRIPTOR_L1_PAGE_TABLE_ADDR: the 1 KiB aligned L2 table.</summary>
        public uint PageTableBase => Value & MmuDescriptor.L1PageTableFrame;

        /// <summary>OsGetPte1Index.</summary>
        public static uint OsGetPte1Index(uint va) => va >> MmuDescriptor.L1SmallShift;

        public override string ToString() => $"pte1 0x{Value:X8}";
    }
}
