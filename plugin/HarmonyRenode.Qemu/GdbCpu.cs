using System.Collections.Generic;
using System.Text;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Qemu.Rsp;

namespace HarmonyRenode.Qemu
{
    /// <summary>
    /// The registers of one stop, read with a single `g`. Changes go out in the resume burst: one `P` when a single
    /// register changed, otherwise one `G` carrying r0–r15 (unchanged ones as read) and cpsr only when it changed.
    /// </summary>
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
            if (changed.Count == 1)
            {
                foreach (var pair in changed)
                {
                    yield return GdbRemote.WriteRegisterPacket(pair.Key, pair.Value);
                }
            }
            else if (changed.Count > 1)
            {
                // QEMU's `G` writes r0..r15 then, through the zero-sized FPA slots, cpsr (register 25) if the packet
                // still has bytes: the order of the `P` packets it replaces. Rewriting an unchanged core register
                // with the value `g` returned is a plain store; cpsr is left out unless it changed.
                var payload = new StringBuilder(1 + 17 * 8).Append('G');
                var count = changed.ContainsKey(CpsrNumber) ? 17 : 16;
                for (var i = 0; i < count; i++)
                {
                    payload.Append(RspFraming.HexWord(values[i]));
                }
                yield return payload.ToString();
            }
        }
    }
}
