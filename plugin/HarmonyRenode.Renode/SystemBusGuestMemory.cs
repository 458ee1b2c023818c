using System;
using Antmicro.Renode.Peripherals.Bus;
using Antmicro.Renode.Peripherals.CPU;
using HarmonyRenode.Core.Ports;

namespace Antmicro.Renode.Peripherals.Miscellaneous.LiteOs
{
    /// <summary>Guest physical memory as the CPU sees the bus. tlib walks tables with ldl_phys, so no write is buffered.</summary>
    public sealed class SystemBusGuestMemory : IGuestMemory
    {
        private readonly IBusController bus;
        private readonly ICPU cpu;

        public SystemBusGuestMemory(IBusController bus, ICPU cpu)
        {
            this.bus = bus;
            this.cpu = cpu;
        }

        public uint ReadUInt32(uint physicalAddress) => bus.ReadDoubleWord(physicalAddress, context: cpu);

        public void WriteUInt32(uint physicalAddress, uint value) => bus.WriteDoubleWord(physicalAddress, value, context: cpu);

        public void ReadBytes(uint physicalAddress, byte[] buffer, int offset, int count) =>
            bus.ReadBytes(physicalAddress, count, buffer, offset, context: cpu);

        public void WriteBytes(uint physicalAddress, byte[] buffer, int offset, int count) =>
            bus.WriteBytes(buffer, physicalAddress, offset, count, context: cpu);

        public void Fill(uint physicalAddress, int count, byte value)
        {
            var bytes = new byte[count];
            if (value != 0)
            {
                for (var i = 0; i < count; i++)
                {
                    bytes[i] = value;
                }
            }
            bus.WriteBytes(bytes, physicalAddress, 0, count, context: cpu);
        }

        /// <summary>
        /// The bus decides per access which peripheral or memory answers (and tlib's translation cache must see page
        /// table writes as bus writes), so the model is never given a host pointer into Renode's memory.
        /// </summary>
        public bool TryGetHostAddress(uint physicalAddress, uint length, out IntPtr hostAddress)
        {
            hostAddress = IntPtr.Zero;
            return false;
        }

        /// <summary>Through the bus: tlib drops translated blocks of RAM the bus writes, so the host may copy code.</summary>
        public void Copy(uint destinationPhysicalAddress, uint sourcePhysicalAddress, int count)
        {
            var bytes = new byte[count];
            bus.ReadBytes(sourcePhysicalAddress, count, bytes, 0, context: cpu);
            bus.WriteBytes(bytes, destinationPhysicalAddress, 0, count, context: cpu);
        }
    }
}
