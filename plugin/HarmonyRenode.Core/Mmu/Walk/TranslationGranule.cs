namespace HarmonyRenode.Core.Mmu.Walk
{
    /// <summary>Which kind of descriptor produced the translation.</summary>
    public enum TranslationGranule
    {
        None,
        Supersection,
        Section,
        LargePage,
        SmallPage,
    }
}
