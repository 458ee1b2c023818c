using HarmonyRenode.Core.Faults;
using HarmonyRenode.Core.Vm;

namespace HarmonyRenode.Core.Guest
{
    /// <summary>
    /// los_vm_syscall.h (the current process's space; PROT_*, MAP_* and MREMAP_* words read as the model's flag
    /// enums), System V shared memory, what exec does to the memory manager (los_load_elf.c, los_process.c),
    /// los_vm_iomap.h, and the abort entry (los_exc.c).
    /// </summary>
    public sealed partial class LosMemoryApi
    {
        /// <summary>CPSR.M of User mode (ARM ARM B1.3.1): the abort interrupted user code.</summary>
        private const uint UsrMode = 0x10;

        private const uint CpsrModeMask = 0x1F;

        public uint LOS_MMap(uint vaddr, uint len, uint prot, uint flags, int fd, uint pgoff) =>
            Model.LOS_MMap(vaddr, len, (ProtFlags)prot, (MapFlags)flags, fd, pgoff);

        public int LOS_UnMMap(uint addr, uint size) => Model.LOS_UnMMap(addr, size);

        public uint LOS_DoBrk(uint addr) => Model.LOS_DoBrk(addr);

        public int LOS_DoMprotect(uint vaddr, uint len, uint prot) => Model.LOS_DoMprotect(vaddr, len, (ProtFlags)prot);

        public uint LOS_DoMremap(uint oldAddress, uint oldSize, uint newSize, int flags, uint newAddr) =>
            Model.LOS_DoMremap(oldAddress, oldSize, newSize, unchecked((MremapFlags)flags), newAddr);

        // ---- shm.c: the model's Vm/Shm already answers with the kernel's -1 / (void *)-1 and errno ----------------

        public uint ShmInit() => Model.ShmInit();

        public uint ShmDeinit() => Model.ShmDeinit();

        public int ShmGet(int key, uint size, int shmflg) => Model.ShmGet(key, size, shmflg);

        public uint ShmAt(int shmid, uint shmaddr, int shmflg) => Model.ShmAt(shmid, shmaddr, shmflg);

        public int ShmCtl(int shmid, int cmd, uint buf) => Model.ShmCtl(shmid, cmd, buf);

        public int ShmDt(uint shmaddr) => Model.ShmDt(shmaddr);

        // ---- los_load_elf.c / los_process.c: exec --------------------------------------------------------------

        /// <summary>OsGetRndOffset: the model draws from its own generator, so the guest's random device is not read.</summary>
        public uint OsGetRndOffset(int randomDevFD) => Model.Vm.Exec.OsGetRndOffset();

        public uint OsStackAlloc(uint space, uint vaddr, uint vsize, uint psize, uint regionFlags)
        {
            var target = SpaceOf(space, nameof(OsStackAlloc));
            return target == null ? LosReturn.Nok : Model.Vm.Exec.OsStackAlloc(target, vaddr, vsize, psize, (RegionFlags)regionFlags);
        }

        public uint OsExecProcessVmSpaceReplace(uint newSpace, uint stackBase, int randomDevFD)
        {
            var target = SpaceOf(newSpace, nameof(OsExecProcessVmSpaceReplace));
            if (target == null || target.Kind != VmSpaceKind.User)
            {
                return 0;
            }
            return AddressOf(Model.Vm.Exec.OsExecProcessVmSpaceReplace(target, stackBase));
        }

        public uint OsGetKernelVaddr(uint space, uint vaddr, out uint kvaddr)
        {
            kvaddr = 0;
            var target = space == 0 ? null : SpaceOf(space, nameof(OsGetKernelVaddr));
            return space != 0 && target == null ? LosReturn.Nok : Model.Vm.Exec.OsGetKernelVaddr(target, vaddr, out kvaddr);
        }

        // ---- los_vm_iomap.h -------------------------------------------------------------------------------------

        public uint LOS_DmaMemAlloc(uint size, uint align, uint type, out uint dmaAddr) => Model.LOS_DmaMemAlloc(size, align, (DmaMemType)type, out dmaAddr);

        public void LOS_DmaMemFree(uint vaddr) => Model.LOS_DmaMemFree(vaddr);

        public uint LOS_DmaVaddrToPaddr(uint vaddr) => Model.LOS_DmaVaddrToPaddr(vaddr);

        // ---- los_exc.c -------------------------------------------------------------------------------------------

        /// <summary>Whether an abort with this interrupted CPSR (the guest's SPSR at the abort) came from user code.</summary>
        public static bool IsUserMode(uint interruptedCpsr) => (interruptedCpsr & CpsrModeMask) == UsrMode;

        /// <summary>
        /// OsArmSharedPageFault (docs/memory-manager.md §5.1): the interrupted CPSR's mode says whether user code
        /// faulted; 0 when the access can be retried, else the status (VmStatus.Fault for a refusal without one).
        /// </summary>
        public int OsArmSharedPageFault(bool prefetch, uint fsr, uint far, uint interruptedCpsr)
        {
            var outcome = Model.HandleAbort(prefetch, fsr, far, IsUserMode(interruptedCpsr));
            switch (outcome.Action)
            {
                case FaultAction.Resume:
                case FaultAction.RetryAfterTlbInvalidate:
                    return 0;
                default:
                    return outcome.Status == VmStatus.NoError ? (int)VmStatus.Fault : (int)outcome.Status;
            }
        }
    }
}
