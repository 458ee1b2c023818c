namespace HarmonyRenode.Core.Ports
{
    /// <summary>
    /// The TLB operations LiteOS-A issues (docs/memory-manager.md §4.8). The model calls them at the points the kernel does,
    /// so an adapter can replay them on the emulated CPU before it resumes.
    /// </summary>
    public interface ITlbMaintenance
    {
        /// <summary>TLBIMVA(A): drop the entry for the page holding <paramref name="virtualAddress"/>.</summary>
        void InvalidatePage(uint virtualAddress, uint asid);

        /// <summary>TLBIASID: drop every entry tagged with <paramref name="asid"/> (space destroyed).</summary>
        void InvalidateAsid(uint asid);

        /// <summary>TLBIALL.</summary>
        void InvalidateAll();
    }
}
