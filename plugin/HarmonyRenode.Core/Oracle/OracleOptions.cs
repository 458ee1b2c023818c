namespace HarmonyRenode.Core.Oracle
{
    /// <summary>How the oracle runs. The defaults observe only: every address the model hands out stays LiteOS-A's.</summary>
    public sealed class OracleOptions
    {
        /// <summary>
        /// --sanitize: heap blocks get a poisoned redzone after them and freed heap blocks wait, poisoned, in a bounded
        /// quarantine, like ASan and KFENCE. Trades address fidelity for detection.
        /// </summary>
        public bool Sanitize { get; set; }

        /// <summary>Redzone bytes after every heap block under --sanitize (ASan's minimum is 16).</summary>
        public uint RedzoneSize { get; set; } = 16;

        /// <summary>Bytes of freed heap blocks held back under --sanitize before they really go back to the pool.</summary>
        public uint QuarantineBytes { get; set; } = 256 * 1024;

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
