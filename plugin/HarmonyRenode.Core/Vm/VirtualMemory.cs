using HarmonyRenode.Core.Mmu;
using HarmonyRenode.Core.Pages;
using HarmonyRenode.Core.Ports;

namespace HarmonyRenode.Core.Vm
{
    /// <summary>
    /// The VM layer wired together (OsKSpaceInit and the los_vm_map.c / los_vm_syscall.c entry points):
    /// spaces registry, regions, vmalloc, syscalls, System V shared memory, fork clone and exec, sharing one VM_ERR log.
    /// </summary>
    public sealed class VirtualMemory
    {
        /// <param name="objects">Where spaces and regions get their guest copies (the facade's; null: none, as in layer tests).</param>
        public VirtualMemory(VmPhys phys, MmuContext mmuContext, uint kernelL1TableKva, ILogSink logSink, VmGuestObjects? objects = null)
        {
            Log = new VmLog(logSink);
            Spaces = new VmSpaces(mmuContext, kernelL1TableKva, objects);
            Map = new VmMap(Spaces, phys, Log);
            VMalloc = new VMalloc(Map, phys, Log);
            Syscalls = new VmSyscalls(Map, Log);
            Shm = new Shm.SharedMemory(Map, Syscalls, phys, Log);
            Map.SharedMemory = Shm;
            Clone = new VmSpaceClone(Map, phys, Log);
            Exec = new ExecLoad(Map, phys, Log);
        }

        public VmLog Log { get; }

        public VmSpaces Spaces { get; }

        /// <summary>The guest copies of spaces and regions, null when the layer runs without them.</summary>
        public VmGuestObjects? Objects => Spaces.Objects;

        public VmMap Map { get; }

        public VMalloc VMalloc { get; }

        public VmSyscalls Syscalls { get; }

        public VmSpaceClone Clone { get; }

        /// <summary>System V shared memory (shm.c): the segment table, attach, detach and fork sharing.</summary>
        public Shm.SharedMemory Shm { get; }

        /// <summary>exec's stack, heap and mmap window (los_load_elf.c, OsExecProcessVmSpaceReplace).</summary>
        public ExecLoad Exec { get; }

    }
}
