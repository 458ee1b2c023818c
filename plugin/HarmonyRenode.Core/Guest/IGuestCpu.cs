namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// The core registers of the stopped guest CPU, as an engine exposes them at a hook (QEMU: GDB `g`/`P`;
    /// Renode: Arm.R[i], Arm.PC). r13..r15 are the banked sp/lr of the current mode and pc.
    /// </summary>
    public interface IGuestCpu
    {
        uint GetRegister(int index);

        void SetRegister(int index, uint value);

        uint Cpsr { get; }
    }

    public static class ArmRegister
    {
        public const int Sp = 13;
        public const int Lr = 14;
        public const int Pc = 15;
    }
}
