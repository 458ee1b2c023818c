using System;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Tests.Ports
{
    /// <summary>An in-memory guest that counts the port calls the model makes and maps RAM only when told to.</summary>
    public sealed class CountingGuestMemory : IGuestMemory
    {
        private readonly bool offerMapping;

        public CountingGuestMemory(uint baseAddress, int size, bool offerMapping)
        {
            Ram = new InMemoryGuestMemory(baseAddress, size);
            this.offerMapping = offerMapping;
        }

        public InMemoryGuestMemory Ram { get; }

        public int WordCalls { get; private set; }

        public int ByteCalls { get; private set; }

        public int MappingRequests { get; private set; }

        public int CopyCalls { get; private set; }

        public uint ReadUInt32(uint physicalAddress)
        {
            WordCalls++;
            return Ram.ReadUInt32(physicalAddress);
        }

        public void WriteUInt32(uint physicalAddress, uint value)
        {
            WordCalls++;
            Ram.WriteUInt32(physicalAddress, value);
        }

        public void ReadBytes(uint physicalAddress, byte[] buffer, int offset, int count)
        {
            ByteCalls++;
            Ram.ReadBytes(physicalAddress, buffer, offset, count);
        }

        public void WriteBytes(uint physicalAddress, byte[] buffer, int offset, int count)
        {
            ByteCalls++;
            Ram.WriteBytes(physicalAddress, buffer, offset, count);
        }

        public void Fill(uint physicalAddress, int count, byte value)
        {
            ByteCalls++;
            Ram.Fill(physicalAddress, count, value);
        }

        public void Copy(uint destinationPhysicalAddress, uint sourcePhysicalAddress, int count)
        {
            CopyCalls++;
            Ram.Copy(destinationPhysicalAddress, sourcePhysicalAddress, count);
        }

        public bool TryGetHostAddress(uint physicalAddress, uint length, out IntPtr hostAddress)
        {
            MappingRequests++;
            hostAddress = IntPtr.Zero;
            return offerMapping && Ram.TryGetHostAddress(physicalAddress, length, out hostAddress);
        }
    }
}
