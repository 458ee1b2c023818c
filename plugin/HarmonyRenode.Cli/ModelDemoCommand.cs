using System.IO;
using HarmonyRenode.Core.Invariants;
using HarmonyRenode.Core.Facade;
using HarmonyRenode.Core.Guest;
using HarmonyRenode.Core;
using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Cli
{
    /// <summary>
    /// `model-demo`: the model booted on in-memory guest RAM (no emulator) and driven the way firmware would drive
    /// it: pages, the heap, small and large LOS_KernelMalloc, a vmalloc, then a user space with mmap, demand faults
    /// and a copy-on-write clone. Prints each result and the shell's vmm, pmm and free.
    /// </summary>
    public sealed class ModelDemoCommand
    {
        private const uint UsrCpsr = 0x10;
        private const uint FsrTranslationPage = 0x7;
        private const uint FsrPermissionPage = 0xF;
        private const uint FsrWrite = 1u << 11;

        private readonly CliOptions options;
        private readonly TextWriter output;
        private readonly TextWriter error;

        public ModelDemoCommand(CliOptions options, TextWriter output, TextWriter error)
        {
            this.options = options;
            this.output = output;
            this.error = error;
        }

        public int Execute()
        {
            var config = new MemoryConfig { ManagedSize = options.ManagedSize };
            var memory = new InMemoryGuestMemory(config.RamBase, (int)config.ManagedSize);
            var log = new ConsoleLog(error, options.LogLevel);
            var model = new MemoryModel(config, memory, new NoTlb(), log);
            var api = new LosMemoryApi(model); // the calls as firmware makes them: pointers and flag words
            var recording = new Recording(options, log);
            recording.Start(model);
            Say($"booted: {config.ManagedSize >> 20} MiB managed, {model.Phys.FreePageCount} free pages, system pool 0x{model.SystemPool:x8}");

            var page = api.LOS_PhysPageAlloc();
            var run = api.LOS_PhysPagesAllocContiguous(4);
            Say($"LOS_PhysPageAlloc() = page 0x{page:x8}; LOS_PhysPagesAllocContiguous(4) = 0x{run:x8}");
            api.LOS_PhysPagesFreeContiguous(run, 4);
            api.LOS_PhysPageFree(page);

            var block = api.LOS_MemAlloc(model.SystemPool, 100);
            var small = model.LOS_KernelMalloc(64);
            var large = model.LOS_KernelMalloc(64 * 1024);
            Say($"LOS_MemAlloc(sysmem, 100) = 0x{block:x8}; LOS_KernelMalloc(64) = 0x{small:x8}; LOS_KernelMalloc(64 KiB) = 0x{large:x8} (pages)");
            var vmalloc = model.LOS_VMalloc(32 * 1024);
            Say($"LOS_VMalloc(32 KiB) = 0x{vmalloc:x8}, first page at PA 0x{model.LOS_PaddrQuery(vmalloc):x8}");

            var parent = api.OsCreateUserVmSpace();
            api.ActivateSpace(parent);
            var va = model.LOS_MMap(0, 8 * VmZone.PageSize, ProtFlags.Read | ProtFlags.Write,
                MapFlags.Private | MapFlags.Anonymous, -1, 0);
            var faults = 0;
            for (var i = 0u; i < 4; i++)
            {
                // What QEMU reports for a user store to a page never touched: translation fault, page, write.
                if (api.OsArmSharedPageFault(false, FsrTranslationPage | FsrWrite, va + i * VmZone.PageSize, UsrCpsr) == 0)
                {
                    faults++;
                }
            }
            memory.WriteUInt32(model.LOS_PaddrQuery(va), 0x600DF00D);
            Say($"user space 0x{parent:x8}: mmap(32 KiB) = 0x{va:x8}, {faults} demand faults serviced");

            var child = api.OsCreateUserVmSpace();
            var cloned = api.LOS_VmSpaceClone(0, parent, child);
            api.ActivateSpace(child);
            var shared = model.LOS_PaddrQuery(va);
            var cow = api.OsArmSharedPageFault(false, FsrPermissionPage | FsrWrite, va, UsrCpsr);
            var copy = model.LOS_PaddrQuery(va);
            Say($"LOS_VmSpaceClone = {cloned}; child write fault = {cow}: page 0x{shared:x8} copied to 0x{copy:x8}, " +
                $"copy reads 0x{memory.ReadUInt32(copy):x8}");

            output.Write(Diagnostics.Format(model));
            var violations = model.CheckInvariants();
            foreach (var violation in violations)
            {
                error.WriteLine($"{ConsoleLog.Prefix}[error] invariant violated: {violation}");
            }
            Say($"invariants: {violations.Count} violations");
            if (!recording.Finish("model-demo"))
            {
                return ExitCodes.Usage;
            }
            return violations.Count == 0 ? ExitCodes.Ok : ExitCodes.InvariantViolations;
        }

        private void Say(string line) => output.WriteLine("model-demo: " + line);

        /// <summary>No CPU to invalidate: the in-memory guest has no TLB.</summary>
        private sealed class NoTlb : ITlbMaintenance
        {
            public void InvalidatePage(uint virtualAddress, uint asid)
            {
            }

            public void InvalidateAsid(uint asid)
            {
            }

            public void InvalidateAll()
            {
            }
        }
    }
}
