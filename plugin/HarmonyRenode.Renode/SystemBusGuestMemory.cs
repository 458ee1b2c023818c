using System;
using System.Runtime.InteropServices;
using Antmicro.Migrant;
using Antmicro.Renode.Peripherals.Bus;
using Antmicro.Renode.Peripherals.CPU;
using Antmicro.Renode.Peripherals.Memory;
using HarmonyRenode.Core.Ports;

namespace Antmicro.Renode.Peripherals.Miscellaneous.LiteOs
{
    /// <summary>
    /// Guest physical memory as the CPU sees it. Words and byte runs inside the machine's RAM (a MappedMemory) go
    /// straight to its segments, the host memory tlib itself loads from and walks tables in: a system-bus access costs
    /// microseconds, and a hypercall makes dozens. Anything else goes through the bus. Copies always go through the bus,
    /// because a bus write drops tlib's translated blocks of the page and the copy may be code (firmware/ABI.md,
    /// "Why the guest copies pages").
    /// </summary>
    public sealed class SystemBusGuestMemory : IGuestMemory
    {
        private readonly IBusController bus;
        private readonly ICPU cpu;
        private readonly uint ramAddress;

        // Host pointers do not survive a snapshot (Migrant refuses them, and Load makes new segments): found again on
        // first use after construction or Load.
        [Transient]
        private MappedMemory ram;
        [Transient]
        private IntPtr[] segments;
        [Transient]
        private bool resolved;
        private ulong ramStart;
        private ulong ramSize;
        private int segmentSize;

        public SystemBusGuestMemory(IBusController bus, ICPU cpu, uint ramAddress)
        {
            this.bus = bus;
            this.cpu = cpu;
            this.ramAddress = ramAddress;
        }

        public uint ReadUInt32(uint physicalAddress)
        {
            var at = Host(physicalAddress, 4);
            return at != IntPtr.Zero ? unchecked((uint)Marshal.ReadInt32(at)) : bus.ReadDoubleWord(physicalAddress, context: cpu);
        }

        public void WriteUInt32(uint physicalAddress, uint value)
        {
            var at = Host(physicalAddress, 4);
            if (at != IntPtr.Zero)
            {
                Marshal.WriteInt32(at, unchecked((int)value));
                return;
            }
            bus.WriteDoubleWord(physicalAddress, value, context: cpu);
        }

        public void ReadBytes(uint physicalAddress, byte[] buffer, int offset, int count)
        {
            var at = Host(physicalAddress, count);
            if (at != IntPtr.Zero)
            {
                Marshal.Copy(at, buffer, offset, count);
                return;
            }
            bus.ReadBytes(physicalAddress, count, buffer, offset, context: cpu);
        }

        public void WriteBytes(uint physicalAddress, byte[] buffer, int offset, int count)
        {
            var at = Host(physicalAddress, count);
            if (at != IntPtr.Zero)
            {
                Marshal.Copy(buffer, offset, at, count);
                return;
            }
            bus.WriteBytes(buffer, physicalAddress, offset, count, context: cpu);
        }

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
            WriteBytes(physicalAddress, bytes, 0, count);
        }

        /// <summary>
        /// No: a pointer the model kept would not survive `Save`/`Load`. The words above reach the segments anyway.
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

        /// <summary>The host address of [pa, pa + count) when it lies in one RAM segment, else zero (use the bus).</summary>
        private IntPtr Host(uint physicalAddress, int count)
        {
            if (!resolved)
            {
                Resolve();
            }
            if (ram == null || physicalAddress < ramStart || count < 0)
            {
                return IntPtr.Zero;
            }
            var offset = physicalAddress - ramStart;
            if (offset + (ulong)count > ramSize)
            {
                return IntPtr.Zero;
            }
            var index = (int)(offset / (ulong)segmentSize);
            var within = (long)(offset % (ulong)segmentSize);
            if (within + count > segmentSize)
            {
                return IntPtr.Zero;
            }
            var segment = segments[index];
            if (segment == IntPtr.Zero)
            {
                ram.TouchSegment(index);
                segment = segments[index] = ram.GetSegment(index);
            }
            return segment + (int)within;
        }

        private void Resolve()
        {
            resolved = true;
            var registered = bus.FindMemory(ramAddress, cpu);
            if (registered == null)
            {
                return;
            }
            ram = registered.Peripheral;
            ramStart = registered.RegistrationPoint.Range.StartAddress;
            ramSize = (ulong)ram.Size;
            segmentSize = ram.SegmentSize;
            segments = new IntPtr[ram.SegmentCount];
        }
    }
}
