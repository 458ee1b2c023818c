using System.Text;
using HarmonyRenode.Core.Pages;

namespace HarmonyRenode.Core.Diagnostics
{
    /// <summary>The `pmm` shell command (OsVmPhysDump, docs/memory-manager.md §6.2), debug-build layout.</summary>
    public static class PmmDump
    {
        public static string Format(VmPhys phys)
        {
            var text = new StringBuilder();
            uint totalPages = 0;
            uint totalFree = 0;
            foreach (var seg in phys.Segments)
            {
                if (seg.Size == 0)
                {
                    continue;
                }
                var free = (uint)seg.FreePages;
                text.Append("\r\n phys_seg      base         size        free_pages    \n");
                text.Append(" --------      -------      ----------  ---------  \n");
                // The kernel prints the g_vmPhysSeg entry's address; the model's segments live on the host, so the
                // segment index stands in for it.
                text.AppendFormat(" 0x{0:x8}    0x{1:x8}   0x{2:x8}   {3,8}  \n", seg.Id, seg.Start, seg.Size, free);
                totalFree += free;
                totalPages += seg.Size >> VmZone.PageShift;
                for (var order = 0; order < VmPhysSeg.ListOrderMax; order++)
                {
                    text.AppendFormat("order = {0}, free_count = {1}\n", order, seg.FreeList[order].Count);
                }
                // Anonymous pages never sit on LRU lists; the kernel's "inactice" typo is kept so transcripts match.
                text.Append("active   anon   0\n");
                text.Append("inactive anon   0\n");
                text.Append("active   file   0\n");
                text.Append("inactice file   0\n");
            }
            text.AppendFormat("\n\rpmm pages: total = {0}, used = {1}, free = {2}\n", totalPages, totalPages - totalFree, totalFree);
            return text.ToString();
        }
    }
}
