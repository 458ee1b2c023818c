using System;
using System.Text;
using HarmonyRenode.Core.Vm.Shm;

namespace HarmonyRenode.Core.Diagnostics
{
    /// <summary>
    /// The `shm` shell command without arguments (OsShmInfoCmd, shm.c, docs/memory-manager.md §3.10): one line per used
    /// segment. The owner column is the creating process's name in the kernel; the model has no process names, so it
    /// is empty.
    /// </summary>
    public static class ShmDump
    {
        public static string Format(SharedMemory shm)
        {
            var text = new StringBuilder();
            text.Append("\r\n------- Shared Memory Segments -------\n");
            text.Append("key      shmid    perms      bytes      nattch     status     owner\n");
            if (shm.Segments == null)
            {
                return text.ToString();
            }
            foreach (var seg in shm.Segments)
            {
                if (!seg.IsUsed)
                {
                    continue;
                }
                // "%08x %-8d %-10o %-10u %-10u %-10x %s"
                text.Append($"{(uint)seg.Ds.Key:x8} {seg.Index,-8} {Convert.ToString(seg.Ds.Mode, 8),-10} {seg.Ds.Segsz,-10} ");
                text.Append($"{seg.Ds.Nattch,-10} {seg.Status,-10:x} \n");
            }
            return text.ToString();
        }
    }
}
