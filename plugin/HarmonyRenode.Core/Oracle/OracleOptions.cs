namespace HarmonyRenode.Core.Oracle
{
    /// <summary>How the oracle runs. The defaults observe only: every address the model hands out stays LiteOS-A's.</summary>
    public sealed class OracleOptions
    {
        /// <summary>
        /// --sanitize: heap blocks get a poisoned redzone after them and freed heap blocks wait, poisoned, in a bounded
        /// quarantine, like ASan and KFENCE; freed page blocks and vmalloc areas are unmapped while they wait (their
        /// VA is not handed out again meanwhile). Trades address fidelity for detection.
        /// </summary>
        public bool Sanitize { get; set; }

        /// <summary>Redzone bytes after every heap block under --sanitize (ASan's minimum is 16).</summary>
        public uint RedzoneSize { get; set; } = 16;

        /// <summary>Bytes of freed heap blocks held back under --sanitize before they really go back to the pool.</summary>
        public uint QuarantineBytes { get; set; } = 256 * 1024;

        /// <summary>
        /// Bytes of freed page blocks, contiguous pages, vmalloc VA and sampled heap pages held back (unmapped) under
        /// --sanitize before the allocator gets them again.
        /// </summary>
        public uint PageQuarantineBytes { get; set; } = 2 * 1024 * 1024;

        /// <summary>
        /// --sanitize-sample N: every Nth heap allocation (of at most a page) gets a page of its own, the object at its
        /// end and an unmapped guard page after it, like KFENCE's sampling; 0 (the default) samples none. Needs Sanitize.
        /// </summary>
        public uint SampleInterval { get; set; }

        /// <summary>Return addresses kept per call site: LR plus this many minus one from frame records.</summary>
        public int FrameDepth { get; set; } = 4;

        /// <summary>Freed blocks remembered for double-free and use-after-free reports (oldest forgotten first).</summary>
        public int FreedHistory { get; set; } = 4096;

        /// <summary>Byte the --sanitize redzones are filled with (ASan's heap-right-redzone shadow value).</summary>
        public const byte RedzonePoison = 0xFB;

        /// <summary>Byte freed heap blocks in quarantine are filled with (ASan's freed-heap shadow value).</summary>
        public const byte FreedPoison = 0xFD;
    }
}
