using HarmonyRenode.Core.Ports;
using HarmonyRenode.Core.Vm.Shm;

namespace HarmonyRenode.Core.Facade
{
    /// <summary>los_vm_syscall.h's System V shared memory entry points (shm.c), on the current process space.</summary>
    public sealed partial class MemoryModel
    {
        private uint errnoWord;

        /// <summary>
        /// PA of the firmware's errno word (the current task's errorNo, g_hrErrno; 0: it has none). ShmGet, ShmAt,
        /// ShmCtl and ShmDt store the errno they set there, as set_errno does in the kernel.
        /// </summary>
        public uint ErrnoWord
        {
            get => errnoWord;
            set
            {
                errnoWord = value;
                var word = value;
                Vm.Shm.ErrnoSet = word == 0 ? (System.Action<int>?)null : errno => Memory.WriteUInt32(word, unchecked((uint)errno));
            }
        }

        /// <summary>
        /// ShmInit (LOS_MODULE_INIT at LOS_INIT_LEVEL_VM_COMPLETE in the kernel): the SHM_MNI-entry segment table from
        /// the system pool (OsShmCBInit), LOS_OK; LOS_NOK with the kernel's line when the pool has no room.
        /// </summary>
        public uint ShmInit()
        {
            var heapBefore = HeapSizeIfTraced();
            var table = Heap.LOS_MemAlloc(ShmConstants.SegTableSize);
            Allocated(nameof(ShmInit), ShmConstants.SegTableSize, table, heapBefore);
            if (table == 0)
            {
                Log.Log(LogLevel.Error, "[ERR]OsShmCBInit ShmInit fail");
                return LosReturn.Nok;
            }
            Vm.Shm.OsShmCBInit(table, Memory, Config.KernelVaToPa);
            return LosReturn.Ok;
        }

        /// <summary>ShmDeinit: the table back to the system pool (segments' pages stay allocated, as in the kernel); 0.</summary>
        public uint ShmDeinit()
        {
            var table = Vm.Shm.ShmDeinit();
            if (table != 0)
            {
                var heapBefore = HeapSizeIfTraced();
                Freed(nameof(ShmDeinit), table, Heap.LOS_MemFree(table), heapBefore);
            }
            return 0;
        }

        public int ShmGet(int key, uint size, int shmflg) => Vm.Shm.ShmGet(key, size, shmflg);

        public uint ShmAt(int shmid, uint shmaddr, int shmflg) => Vm.Shm.ShmAt(shmid, shmaddr, shmflg);

        public int ShmCtl(int shmid, int cmd, uint buf)
        {
            var shm = Vm.Shm;
            if (shm.UserCopy == null)
            {
                // LOS_ArchCopyToUser/FromUser: the current space's tables, faults through the kernel's handler.
                shm.UserCopy = new ArchUserCopy(Vm.Spaces, Memory, Faults.OsVmPageFaultHandler);
            }
            return shm.ShmCtl(shmid, cmd, buf);
        }

        public int ShmDt(uint shmaddr) => Vm.Shm.ShmDt(shmaddr);
    }
}
