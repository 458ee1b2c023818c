using System.Collections.Generic;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Oracle
{
    /// <summary>
    /// Reads a call site from a stopped CPU: LR, then the frame-record chain of GCC's ARM frame pointer
    /// (-fno-omit-frame-pointer, non-leaf functions: push {..., fp, lr}; add fp, sp, #(n-4), so [fp] is the saved LR and
    /// [fp-4] the caller's fp). Every step is checked (fp word-aligned inside the kernel window, the saved LR inside the
    /// image's text, frames going up the stack), so a firmware without frame records just yields LR.
    /// </summary>
    public sealed class CallSiteReader
    {
        private const uint KernelWindowBase = 0x40000000;
        private readonly IGuestMemory memory;
        private readonly MemoryConfig config;
        private readonly uint textStart;
        private readonly uint textEnd;
        private readonly int depth;

        public CallSiteReader(IGuestMemory memory, MemoryConfig config, uint textStart, uint textEnd, int depth)
        {
            this.memory = memory;
            this.config = config;
            this.textStart = textStart;
            this.textEnd = textEnd;
            this.depth = depth;
        }

        public CallSite Read(IGuestCpu cpu) => ReadAt(cpu.GetRegister(ArmRegister.Lr) & ~1u, cpu);

        /// <summary>
        /// <paramref name="first"/> (LR of a call, or a faulting PC), then the frame records from the CPU's r11: at an
        /// abort's hypercall r11 is still the interrupted function's, so a fault in a function with a frame record
        /// names its callers too (a leaf function's record holds no LR: the first check stops the walk there).
        /// </summary>
        public CallSite ReadAt(uint first, IGuestCpu cpu)
        {
            var lr = first;
            if (depth <= 1 || !InText(lr))
            {
                return CallSite.At(lr);
            }
            var frames = new List<uint>(depth) { lr };
            var fp = cpu.GetRegister(11);
            var sp = cpu.GetRegister(ArmRegister.Sp);
            while (frames.Count < depth && fp >= sp && (fp & 3) == 0 && InKernelRam(fp - 4))
            {
                var ret = memory.ReadUInt32(config.KernelVaToPa(fp)) & ~1u;
                if (!InText(ret))
                {
                    break;
                }
                frames.Add(ret);
                var next = memory.ReadUInt32(config.KernelVaToPa(fp - 4));
                if (next <= fp)
                {
                    break;
                }
                fp = next;
            }
            return new CallSite(frames);
        }

        private bool InText(uint address) => address >= textStart && address < textEnd;

        private bool InKernelRam(uint address) => address >= KernelWindowBase && address - KernelWindowBase + 4 <= config.ManagedSize;
    }
}
