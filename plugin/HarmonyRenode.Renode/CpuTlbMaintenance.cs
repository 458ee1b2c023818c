using Antmicro.Renode.Peripherals.CPU;
using HarmonyRenode.Core.Ports;

namespace Antmicro.Renode.Peripherals.Miscellaneous.LiteOs
{
    /// <summary>
    /// LiteOS-A's TLB operations on tlib's TLB, from the CPU thread inside a hook. tlib keeps no ASID-tagged entries,
    /// so an ASID flush is a full flush and a page flush drops the page for every ASID.
    /// </summary>
    public sealed class CpuTlbMaintenance : ITlbMaintenance
    {
        private readonly TranslationCPU cpu;

        public CpuTlbMaintenance(TranslationCPU cpu)
        {
            this.cpu = cpu;
        }

        public void InvalidatePage(uint virtualAddress, uint asid) => cpu.FlushTlbPage(virtualAddress);

        public void InvalidateAsid(uint asid) => cpu.FlushTlb();

        public void InvalidateAll() => cpu.FlushTlb();
    }
}
