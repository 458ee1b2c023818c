namespace HarmonyRenode.Core.Guest.Hypercalls
{
    /// <summary>
    /// g_hrMailbox, word offsets as firmware/include/hr_hypercall.h defines them (firmware/ABI.md, "Hypercalls").
    /// </summary>
    public static class MailboxLayout
    {
        public const uint State = 0x00;
        public const uint Id = 0x04;
        public const uint Args = 0x08;
        public const uint Sp = 0x18;
        public const uint Lr = 0x1C;
        public const uint Fp = 0x20;
        public const uint Cpsr = 0x24;
        public const uint Result = 0x28;
        public const uint Actions = 0x2C;
        public const uint TlbCount = 0x30;
        public const uint OpCount = 0x34;
        public const uint HostSleeping = 0x38;
        public const uint Doorbells = 0x3C;
        public const uint Tlb = 0x40;
        public const uint Ops = 0xC0;
        public const uint Size = 0x100;

        public const int TlbEntries = 32;
        public const int OpEntries = 4;
        public const int OpSize = 16;

        /// <summary>hr_hypercall_table slots (HR_HYPERCALL_SLOTS), 8 bytes each.</summary>
        public const int Slots = 128;
        public const uint SlotSize = 8;

        public const uint StateIdle = 0;
        public const uint StatePosted = 1;
        public const uint StateDone = 2;

        public const uint ActionTlbAll = 0x1;
        public const uint ActionTlbList = 0x2;
        public const uint ActionOps = 0x4;

        public const uint OpCopy = 1;
        public const uint OpZero = 2;
    }
}
