using Antmicro.Renode.Peripherals.CPU;
using HarmonyRenode.Core.Guest;

namespace Antmicro.Renode.Peripherals.Miscellaneous.LiteOs
{
    /// <summary>The stopped Arm core as the hook service sees it; PC writes follow BX (bit 0 selects Thumb).</summary>
    public sealed class ArmGuestCpu : IGuestCpu
    {
        private readonly Arm cpu;

        public ArmGuestCpu(Arm cpu)
        {
            this.cpu = cpu;
        }

        public uint GetRegister(int index) => (uint)cpu.R[index];

        public void SetRegister(int index, uint value)
        {
            if (index == ArmRegister.Pc)
            {
                cpu.PC = value;
            }
            else
            {
                cpu.R[index] = value;
            }
        }

        public uint Cpsr => (uint)cpu.CPSR;
    }
}
