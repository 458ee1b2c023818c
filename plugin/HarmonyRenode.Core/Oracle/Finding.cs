namespace HarmonyRenode.Core.Oracle
{
    /// <summary>One memory-safety finding with everything the report and the JSON print.</summary>
    public sealed class Finding
    {
        public FindingKind Kind { get; set; }

        /// <summary>The bad address: the pointer freed, the header word overwritten, the faulting address.</summary>
        public uint Address { get; set; }

        /// <summary>The size of the block involved (bytes the guest asked for), 0 when there is no block.</summary>
        public uint Size { get; set; }

        /// <summary>Where the guest was: the caller's return address for a call, the faulting PC for a fault.</summary>
        public CallSite? Pc { get; set; }

        /// <summary>The block's start, when a block is involved.</summary>
        public uint? BlockAddress { get; set; }

        public CallSite? AllocSite { get; set; }

        public CallSite? FreeSite { get; set; }

        public string? AllocApi { get; set; }

        public string? FreeApi { get; set; }

        /// <summary>The function the guest called (LOS_MemFree...) or the abort ("data abort").</summary>
        public string? Api { get; set; }

        /// <summary>Bytes of the access, when known (a fault does not say; a changed poison byte is 1).</summary>
        public uint? AccessSize { get; set; }

        /// <summary>true write, false read, null unknown.</summary>
        public bool? IsWrite { get; set; }

        /// <summary>One line of detail (the broken header field, the offset into the block...).</summary>
        public string? Detail { get; set; }
    }
}
