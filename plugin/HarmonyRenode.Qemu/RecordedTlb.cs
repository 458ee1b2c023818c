using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Qemu
{
    /// <summary>
    /// The model's TLB maintenance, recorded: the host cannot invalidate QEMU's TLB over GDB, so the engine resumes
    /// through the guest's hr_tlb_flush_return stub (TLBIALL) when anything is pending. One TLBIALL covers every
    /// recorded page/ASID operation.
    /// </summary>
    public sealed class RecordedTlb : ITlbMaintenance
    {
        public bool FlushPending { get; private set; }

        public long Operations { get; private set; }

        public void InvalidatePage(uint virtualAddress, uint asid) => Record();

        public void InvalidateAsid(uint asid) => Record();

        public void InvalidateAll() => Record();

        public void Clear() => FlushPending = false;

        private void Record()
        {
            FlushPending = true;
            Operations++;
        }
    }
}
