using HarmonyRenode.Core.Mmu;

namespace HarmonyRenode.Core.Faults
{
    /// <summary>
    /// A DFSR or IFSR value in the short-descriptor format (ARM ARM B4.1.52 / B4.1.96): FS[3:0] in bits[3:0], FS[4] in
    /// bit 10, Domain in bits[7:4] (DFSR), WnR in bit 11 (DFSR), ExT in bit 12.
    /// </summary>
    public readonly struct FaultStatusRegister
    {
        public FaultStatusRegister(uint value)
        {
            Value = value;
        }

        public uint Value { get; }

        /// <summary>GET_FS: FS[4] from bit 10, FS[3:0] from bits[3:0]; also LiteOS's fsrFlag.</summary>
        public uint Fs => ((Value >> 6) & 0x10) | (Value & 0xF);

        public FaultStatus Status => (FaultStatus)Fs;

        public uint Domain => (Value >> 4) & 0xF;

        /// <summary>GET_WNR: bit 11, meaningful for data aborts only.</summary>
        public bool WnR => (Value & (1u << 11)) != 0;

        public bool ExT => (Value & (1u << 12)) != 0;

        /// <summary>
        /// OsArmSharedPageFault sends only translation and permission faults (section or page) to the page-fault
        /// handler; everything else is retried after a TLB invalidate (docs/memory-manager.md §5.1).
        /// </summary>
        public bool ReachesPageFaultHandler
        {
            get
            {
                switch (Status)
                {
                    case FaultStatus.TranslationFaultSection:
                    case FaultStatus.TranslationFaultPage:
                    case FaultStatus.PermissionFaultSection:
                    case FaultStatus.PermissionFaultPage:
                        return true;
                    default:
                        return false;
                }
            }
        }

        /// <summary>
        /// The text OsDecodeDataFSR / OsDecodeInstructionFSR print (OsDecodeFS), one line: data aborts lead with the
        /// access direction and know "Alignment fault."; instruction aborts do not.
        /// </summary>
        public string Describe(FaultKind kind)
        {
            var fs = Fs;
            string text;
            if (kind == FaultKind.Data && fs == 0x01)
            {
                text = "Alignment fault.";
            }
            else
            {
                var granule = (fs & 0x2) != 0 ? "page" : "section";
                switch (fs)
                {
                    case 0x05:
                    case 0x07:
                        text = $"Translation fault, {granule}";
                        break;
                    case 0x09:
                    case 0x0B:
                        text = $"Domain fault, {granule}";
                        break;
                    case 0x0D:
                    case 0x0F:
                        text = $"Permission fault, {granule}";
                        break;
                    default:
                        text = $"Unknown fault! FS:0x{fs:x}. Check IFSR and DFSR in ARM Architecture Reference Manual.";
                        break;
                }
            }
            if (kind == FaultKind.Data)
            {
                return (WnR ? "Abort caused by a write instruction. " : "Abort caused by a read instruction. ") + text;
            }
            return text;
        }

        /// <summary>OsExcType's header line for the abort.</summary>
        public string Header(FaultKind kind, uint far) => kind == FaultKind.Data
            ? $"data_abort fsr:0x{Value:x}, far:0x{far:x8}"
            : $"prefetch_abort fault fsr:0x{Value:x}, far:0x{far:x8}";

        public override string ToString() => $"fsr 0x{Value:X} ({Status})";
    }
}
