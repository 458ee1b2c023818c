namespace HarmonyRenode.Core.Faults
{
    /// <summary>VM_MAP_PF_FLAG_* (los_vm_fault.h): the pfFlags OsArmSharedPageFault passes to the handler.</summary>
    public static class PageFaultFlags
    {
        public const uint Write = 1u << 0;
        public const uint User = 1u << 1;
        public const uint Instruction = 1u << 2;
        public const uint NotPresent = 1u << 3;
    }
}
