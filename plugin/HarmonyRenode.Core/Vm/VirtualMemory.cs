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
        public VirtualMemory(VmPhys phys, MmuContext mmuContext, uint kernelL1TableKva, ILogSink logSink)
        {
            Log = new VmLog(logSink);
            Spaces = new VmSpaces(mmuContext, kernelL1TableKva);
            Map = new VmMap(Spaces, phys, Log);
            VMalloc = new VMalloc(Map, phys, Log);
            Syscalls = new VmSyscalls(Map, Log);
            Shm = new Shm.SharedMemory(Map, Syscalls, phys, Log);
            Map.SharedMemory = Shm;
            Clone = new VmSpaceClone(Map, phys, Log);
            Exec = new ExecLoad(Map, phys, Log);
            FaultView = new VmFaultView(Spaces);
        }

        public VmLog Log { get; }

        public VmSpaces Spaces { get; }

        public VmMap Map { get; }

        public VMalloc VMalloc { get; }

        public VmSyscalls Syscalls { get; }

        public VmSpaceClone Clone { get; }

        /// <summary>System V shared memory (shm.c): the segment table, attach, detach and fork sharing.</summary>
        public Shm.SharedMemory Shm { get; }

        /// <summary>exec's stack, heap and mmap window (los_load_elf.c, OsExecProcessVmSpaceReplace).</summary>
        public ExecLoad Exec { get; }

        /// <summary>What <see cref="Faults.PageFaultHandler"/> takes as its view of the VM.</summary>
        public VmFaultView FaultView { get; }
    }
}
