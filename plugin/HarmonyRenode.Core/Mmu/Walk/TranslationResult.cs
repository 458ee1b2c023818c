namespace HarmonyRenode.Core.Mmu.Walk
{
    /// <summary>
    /// The outcome of one walk: where the access goes and with which attributes, or the fault the CPU would raise
    /// with the DFSR/IFSR value it would report. Attributes are filled as far as the walk got, so a permission fault
    /// still shows the descriptor's PA, AP and memory type.
    /// </summary>
    public readonly struct TranslationResult
    {
        internal TranslationResult(FaultStatus fault, uint fsr, int level, uint physicalAddress, TranslationGranule granule,
            AccessPermissions permissions, bool executeNever, bool privilegedExecuteNever, MemoryAttributes memory,
            bool nonGlobal, bool nonSecure, uint domain, bool viaTtbr1, uint l1Descriptor, uint l2Descriptor)
        {
            Fault = fault;
            Fsr = fsr;
            Level = level;
            PhysicalAddress = physicalAddress;
            Granule = granule;
            Permissions = permissions;
            ExecuteNever = executeNever;
            PrivilegedExecuteNever = privilegedExecuteNever;
            Memory = memory;
            NonGlobal = nonGlobal;
            NonSecure = nonSecure;
            Domain = domain;
            ViaTtbr1 = viaTtbr1;
            L1Descriptor = l1Descriptor;
            L2Descriptor = l2Descriptor;
        }

        public FaultStatus Fault { get; }

        public bool IsFault => Fault != FaultStatus.None;

        /// <summary>The FSR the CPU would report: DFSR for data accesses (with WnR), IFSR for fetches.</summary>
        public uint Fsr { get; }

        /// <summary>Lookup level reached (1 or 2).</summary>
        public int Level { get; }

        public uint PhysicalAddress { get; }

        public TranslationGranule Granule { get; }

        public AccessPermissions Permissions { get; }

        public bool ExecuteNever { get; }

        public bool PrivilegedExecuteNever { get; }

        public MemoryAttributes Memory { get; }

        public bool NonGlobal { get; }

        public bool NonSecure { get; }

        public uint Domain { get; }

        public bool ViaTtbr1 { get; }

        public uint L1Descriptor { get; }

        public uint L2Descriptor { get; }

        public override string ToString() => IsFault
            ? $"{Fault} (fsr 0x{Fsr:X}) level {Level}"
            : $"pa 0x{PhysicalAddress:X8} {Granule} {Permissions}{(ExecuteNever ? " XN" : "")} {Memory}{(NonGlobal ? " nG" : "")} domain {Domain}";
    }
}
