namespace HarmonyRenode.Core.Oracle
{
    /// <summary>What the oracle found. The JSON and the report print these names in kebab case (ASan's style).</summary>
    public enum FindingKind
    {
        /// <summary>A block freed again after its free (heap, page block or vmalloc area).</summary>
        DoubleFree,

        /// <summary>A pointer the allocator never handed out, or one inside a live block (interior pointer).</summary>
        InvalidFree,

        /// <summary>A live block freed through a function of another allocator (LOS_MemFree of a page block, LOS_VFree of heap memory...).</summary>
        WrongApiFree,

        /// <summary>The guest wrote over a heap node header the host keeps a shadow of: the block before it overflowed.</summary>
        HeapOverflow,

        /// <summary>A page (LosVmPage or contiguous pages) freed twice.</summary>
        PageDoubleFree,

        /// <summary>A kernel-mode fault inside a freed vmalloc area or page block, or (--sanitize) an access to a quarantined block.</summary>
        UseAfterFree,

        /// <summary>--sanitize: the guest wrote into the redzone after a heap block (or around a sampled one, on its page).</summary>
        RedzoneOverwrite,

        /// <summary>--sanitize-sample: an access to the guard page after a sampled heap block, trapped at its PC (KFENCE's name).</summary>
        OutOfBounds,
    }
}
