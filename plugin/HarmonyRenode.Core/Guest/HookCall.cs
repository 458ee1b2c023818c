using System;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// One stop at a hooked symbol seen as a C call (AAPCS, ARM IHI 0042 §6.5): arguments in r0-r3 then on the
    /// stack, 32-bit result in r0. The engine resumes at LR afterwards (through hr_tlb_flush_return when the
    /// model changed a valid translation).
    /// </summary>
    public sealed class HookCall
    {
        private readonly IGuestMemory memory;
        private IGuestCpu cpu;
        private readonly Func<uint, uint> kernelVaToPa;

        public HookCall(string symbol, IGuestCpu cpu, IGuestMemory memory, Func<uint, uint> kernelVaToPa)
        {
            Symbol = symbol;
            this.cpu = cpu;
            this.memory = memory;
            this.kernelVaToPa = kernelVaToPa;
        }

        public string Symbol { get; private set; }

        public uint? Result { get; private set; }

        public IGuestCpu Cpu => cpu;

        /// <summary>Makes this object the next call (the dispatcher reuses one, so a hooked call allocates nothing).</summary>
        internal void Reset(string symbol, IGuestCpu callCpu)
        {
            Symbol = symbol;
            cpu = callCpu;
            Result = null;
        }

        /// <summary>The n-th 32-bit argument. Stack arguments are read from the kernel stack (kernel window).</summary>
        public uint Arg(int n)
        {
            if (n < 4)
            {
                return cpu.GetRegister(n);
            }
            var sp = cpu.GetRegister(ArmRegister.Sp);
            return memory.ReadUInt32(kernelVaToPa(sp + (uint)(4 * (n - 4))));
        }

        public int ArgInt(int n) => unchecked((int)Arg(n));

        public void Return(uint value) => Result = value;

        public void Return(int value) => Return(unchecked((uint)value));

        /// <summary>Writes through a kernel pointer argument (out-parameters such as HrMmuContext*).</summary>
        public void WriteKernelWord(uint kernelVa, uint value) => memory.WriteUInt32(kernelVaToPa(kernelVa), value);
    }
}
