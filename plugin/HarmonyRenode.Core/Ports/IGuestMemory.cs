namespace HarmonyRenode.Core.Ports
{
    /// <summary>
    /// Guest physical memory as the model sees it. Adapters may buffer writes and flush them before the
    /// guest resumes, so the core never reads back a word it wrote itself: it keeps host shadows instead.
    /// Reads are for what the guest wrote (page contents for copy-on-write, heap headers for corruption checks).
    /// </summary>
    public interface IGuestMemory
    {
        uint ReadUInt32(uint physicalAddress);

        void WriteUInt32(uint physicalAddress, uint value);

        void ReadBytes(uint physicalAddress, byte[] buffer, int offset, int count);

        void WriteBytes(uint physicalAddress, byte[] buffer, int offset, int count);

        /// <summary>Sets <paramref name="count"/> bytes to <paramref name="value"/> (page zeroing).</summary>
        void Fill(uint physicalAddress, int count, byte value);

        /// <summary>
        /// Copies guest memory to guest memory (a copy-on-write fault's page). An engine whose CPU translates guest
        /// code without seeing host writes (QEMU on shared RAM) has the guest make the copy before it resumes.
        /// </summary>
        void Copy(uint destinationPhysicalAddress, uint sourcePhysicalAddress, int count);
    }
}
