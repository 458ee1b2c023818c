namespace HarmonyRenode.Core.Diagnostics
{
    /// <summary>The `v2p` shell command (docs/memory-manager.md §6.1) on the current process space.</summary>
    public static class V2pDump
    {
        public static string Format(LiteOsMemoryManager manager, uint vaddr)
        {
            if (!VmZone.IsUserAddress(vaddr))
            {
                return "vaddr should be in range(0x1000000~0x3e000000)\n";
            }
            var space = manager.Vm.Spaces.CurrentSpace;
            if (space != null && space.ArchMmu.LOS_ArchMmuQuery(vaddr, out var pa, out _) == VmStatus.NoError)
            {
                return $"vaddr {Hash(vaddr)} is paddr {Hash(pa)}\n";
            }
            return $"vaddr {Hash(vaddr)} is not in range or mapped\n";
        }

        /// <summary>printf's %#x.</summary>
        private static string Hash(uint value) => value == 0 ? "0" : "0x" + value.ToString("x");
    }
}
