using HarmonyRenode.Core.Facade;
namespace HarmonyRenode.Core.Diagnostics
{
    /// <summary>The `v2p` shell command (docs/memory-manager.md §6.1) on the current process space.</summary>
    public static class V2pDump
    {
        public static string Format(MemoryModel manager, uint vaddr)
        {
            if (!VmZone.IsUserAddress(vaddr))
            {
                return "vaddr should be in range(0x1000000~0x3e000000)\n";
            }
            var space = manager.Vm.Spaces.CurrentSpace;
            var query = space?.ArchMmu.LOS_ArchMmuQuery(vaddr);
            if (query is { IsMapped: true } mapped)
            {
                return $"vaddr {PrintfHex.Alternate(vaddr)} is paddr {PrintfHex.Alternate(mapped.Pa)}\n";
            }
            return $"vaddr {PrintfHex.Alternate(vaddr)} is not in range or mapped\n";
        }

        /// <summary>printf's %#x.</summary>
    }
}
