using System.Collections.Generic;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Qemu.Rsp;

namespace HarmonyRenode.Qemu
{
    /// <summary>The registers of one stop, read with a single `g`; changes become `P` packets of the resume burst.</summary>
    public sealed class GdbCpu : IGuestCpu
    {
        private const int CpsrNumber = 25;
        private readonly uint[] values;
        private readonly SortedDictionary<int, uint> changed = new SortedDictionary<int, uint>();

        public GdbCpu(uint[] coreRegisters)
        {
            values = coreRegisters;
        }

        public uint Cpsr => values[16];

        public uint GetRegister(int index) => values[index];

        public void SetRegister(int index, uint value)
        {
            values[index] = value;
            changed[index] = value;
        }

        public void SetCpsr(uint value)
        {
            values[16] = value;
            changed[CpsrNumber] = value;
        }

        public IEnumerable<string> WritePackets()
        {
            foreach (var pair in changed)
            {
                yield return GdbRemote.WriteRegisterPacket(pair.Key, pair.Value);
            }
        }
    }
}
