using HarmonyRenode.Core.Facade;

namespace HarmonyRenode.Core.Diagnostics
{
    /// <summary>
    /// The kernel shell's memory commands on a booted model, as the shell would run them: above the facade, which
    /// knows nothing of them (los_vm_dump.c, mempt_shellcmd.c).
    /// </summary>
    public static class ShellCommands
    {
        /// <summary>`vmm`: every space that belongs to a process, kernel first as the kernel process owns it.</summary>
        public static string Vmm(this MemoryModel model) => VmmDump.Format(model);

        public static string Pmm(this MemoryModel model) => PmmDump.Format(model.Phys);

        /// <summary>`free`, `free -k` or `free -m`.</summary>
        public static string Free(this MemoryModel model, string? option = null) => FreeDump.Format(model, option);

        /// <summary>`memcheck`.</summary>
        public static string MemCheck(this MemoryModel model) => model.Heap.MemCheckText();

        /// <summary>`v2p vaddr` for the current process space.</summary>
        public static string V2p(this MemoryModel model, uint vaddr) => V2pDump.Format(model, vaddr);

        /// <summary>`shm`: the used System V shared memory segments (OsShmInfoCmd).</summary>
        public static string Shm(this MemoryModel model) => ShmDump.Format(model.Vm.Shm);
    }
}
