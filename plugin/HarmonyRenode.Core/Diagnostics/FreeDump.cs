using System.Text;
using HarmonyRenode.Core.Facade;

namespace HarmonyRenode.Core.Diagnostics
{
    /// <summary>The `free [-k|-m]` shell command (OsShellCmdFreeInfo with LOSCFG_KERNEL_VM, docs/memory-manager.md §6.3).</summary>
    public static class FreeDump
    {
        public static string Format(MemoryModel manager, string? option)
        {
            uint Scale(uint bytes)
            {
                switch (option)
                {
                    case "-k": return (bytes + 512) / 1024;
                    case "-m": return (bytes + 512 * 1024) / (1024 * 1024);
                    default: return bytes;
                }
            }

            if (option != null && option != "-k" && option != "-m")
            {
                return "\nUsage: free or free [-k/-m]\n";
            }
            var heapUsed = manager.Heap.LOS_MemTotalUsedGet();
            var totalMem = manager.Config.ManagedSize;
            var memUsed = MemUsed(manager);
            var freeMem = totalMem - memUsed;

            var image = manager.Image;
            var text = new StringBuilder();
            text.Append("\r\n        total        used          free          heap\n");
            text.AppendFormat("Mem:    {0,-9}    {1,-10}    {2,-10}    {3,-10}\n", Scale(totalMem), Scale(memUsed), Scale(freeMem), Scale(heapUsed));
            text.Append("\r\n        text         data          rodata        bss\n");
            // OsShellCmdSectionInfo (mempt_shellcmd.c): data is __ram_data_end - __ram_data_start, bss
            // __bss_end - __bss_start (the stacks lie inside bss, as in LiteOS-A).
            text.AppendFormat("Mem:    {0,-9}    {1,-10}    {2,-10}    {3,-10}\n", Scale(image.TextEnd - image.TextStart),
                Scale(image.RamDataEnd - image.RamDataStart), Scale(image.RodataEnd - image.RodataStart), Scale(image.BssEnd - image.BssStart));
            return text.ToString();
        }

        /// <summary>The "used" column: managed bytes minus free pages, minus the heap's free bytes (OsShellCmdFreeInfo).</summary>
        public static uint MemUsed(MemoryModel manager)
        {
            var heapFree = manager.Heap.LOS_MemPoolSizeGet() - manager.Heap.LOS_MemTotalUsedGet();
            var total = (uint)manager.Phys.TotalPageCount;
            // OsVmPhysUsedInfoGet's running-total quirk is only wrong with several segments; the model has one.
            var used = (uint)manager.Phys.UsedPageCount;
            return manager.Config.ManagedSize - (total << VmZone.PageShift) + (used << VmZone.PageShift) - heapFree;
        }
    }
}
