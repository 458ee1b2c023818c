using System.Text;
using HarmonyRenode.Core.Diagnostics;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core;

namespace HarmonyRenode.Cli
{
    /// <summary>The shell's `vmm`, `pmm` and `free` of the model, one titled block each, and `shm` once ShmInit ran.</summary>
    public static class Diagnostics
    {
        public static string Format(MemoryModel model)
        {
            var text = new StringBuilder();
            Block(text, "vmm", model.Vmm());
            Block(text, "pmm", model.Pmm());
            Block(text, "free", model.Free());
            if (model.Vm.Shm.Segments != null)
            {
                Block(text, "shm", model.Shm());
            }
            return text.ToString();
        }

        private static void Block(StringBuilder text, string title, string body)
        {
            text.Append("--- ").Append(title).AppendLine(" ---");
            text.Append(body);
            if (!body.EndsWith("\n"))
            {
                text.AppendLine();
            }
        }
    }
}
