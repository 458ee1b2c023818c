namespace HarmonyRenode.Core.Vm
{
    /// <summary>Which of LiteOS-A's spaces a LosVmSpace is: g_kVmSpace, g_vMallocSpace or a process space.</summary>
    public enum VmSpaceKind
    {
        Kernel,
        Vmalloc,
        User,
    }
}
