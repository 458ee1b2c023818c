namespace HarmonyRenode.Core.Mmu
{
    /// <summary>A second-level entry as LiteOS-A's los_pte_ops.h sees it (PTE_T pte2).</summary>
    public readonly struct Pte2
    {
        public Pte2(uint value)
        {
            Value = value;
        }

        public uint Value { get; }

        public uint Type => Value & MmuDescriptor.L2TypeMask;

        public bool IsInvalid => Type == MmuDescriptor.L2TypeInvalid;

        public bool IsLargePage => Type == MmuDescriptor.L2TypeLargePage;

        /// <summary>OsIsPte2SmallPage || OsIsPte2SmallPageXN: bit1 set.</summary>
        public bool IsSmallPage => Type == MmuDescriptor.L2TypeSmallPage || Type == MmuDescriptor.L2TypeSmallPageXn;

        /// <summary>MMU_DESCRIPTOR_L2_SMALL_PAGE_ADDR.</summary>
        public uint PageBase => Value & MmuDescriptor.L2SmallFrame;

        /// <summary>OsGetPte2Index: VA[19:12].</summary>
        public static int OsGetPte2Index(uint va) => (int)((va >> MmuDescriptor.L2SmallShift) & 0xFF);

        public override string ToString() => $"pte2 0x{Value:X8}";
    }
}
