namespace HarmonyRenode.Core.Oracle
{
    /// <summary>One allocation the oracle saw handed to the guest, live or freed.</summary>
    public sealed class TrackedBlock
    {
        public TrackedBlock(AllocationKind kind, uint address, uint size, string allocApi, CallSite allocSite, long serial)
        {
            Kind = kind;
            Address = address;
            Size = size;
            AllocApi = allocApi;
            AllocSite = allocSite;
            Serial = serial;
        }

        public AllocationKind Kind { get; }

        /// <summary>What the guest got: a kernel VA, or the LosVmPage pointer for <see cref="AllocationKind.Page"/>.</summary>
        public uint Address { get; }

        /// <summary>Bytes the guest asked for (pages × 4096 for page allocations).</summary>
        public uint Size { get; }

        public string AllocApi { get; }

        public CallSite AllocSite { get; }

        /// <summary>Order of allocation, for leak marks.</summary>
        public long Serial { get; }

        public string? FreeApi { get; set; }

        public CallSite? FreeSite { get; set; }

        public bool Contains(uint address) => address >= Address && address - Address < System.Math.Max(Size, 1u);
    }
}
