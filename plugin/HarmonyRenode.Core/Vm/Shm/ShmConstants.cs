namespace HarmonyRenode.Core.Vm.Shm
{
    /// <summary>
    /// System V shared memory constants as LiteOS-A builds them: the limits of los_vm_shm_pri.h, the segment status
    /// bits and permission masks of shm.c, the IPC_* / SHM_* flags and commands of the kernel's musl headers
    /// (third_party_musl porting/liteos_a/kernel/include/sys/ipc.h, sys/shm.h, bits/ipcstat.h) and the errno values
    /// the functions set (bits/errno.h).
    /// </summary>
    public static class ShmConstants
    {
        /// <summary>SHM_MAX_PAGES: the upper limit of all segments together (16 MiB).</summary>
        public const uint MaxPages = 4096;
        public const uint ShmMax = MaxPages * VmZone.PageSize;
        public const uint ShmMin = 1;

        /// <summary>SHM_MNI: entries of the segment table (shmids 0..191).</summary>
        public const int ShmMni = 192;
        public const uint ShmSeg = 128;
        public const uint ShmAll = MaxPages;

        /// <summary>SHMLBA (bits/shm.h): SHM_RND rounds an attach address down to this.</summary>
        public const uint ShmLba = 4096;

        // Segment status (shm.c).
        public const uint SegFree = 0x2000;
        public const uint SegUsed = 0x4000;
        public const uint SegRemove = 0x8000;

        // sys/ipc.h
        public const int IpcPrivate = 0;
        public const uint IpcCreat = 0x200;   // 01000
        public const uint IpcExcl = 0x400;    // 02000
        public const int IpcRmid = 0;
        public const int IpcSet = 1;
        public const int IpcStat = 2;
        public const int IpcInfo = 3;
        public const uint Ipc64 = 0x100;

        // sys/shm.h
        public const int ShmStat = 13;
        public const int ShmInfo = 14;
        public const uint ShmR = 0x100;       // 0400
        public const uint ShmW = 0x80;        // 0200
        public const uint ShmRdonly = 0x1000; // 010000
        public const uint ShmRnd = 0x2000;    // 020000
        public const uint ShmRemap = 0x4000;  // 040000
        public const uint ShmExec = 0x8000;   // 0100000

        // shm.c's own masks.
        public const uint ShmM = 0x1000;      // SHM_M 010000: "may change the segment" (owner)
        public const uint ShmX = 0x40;        // SHM_X 0100
        public const uint AccessPerms = 0x1FF; // ACCESSPERMS 0777
        public const uint SIrugo = 0x124;     // S_IRUSR | S_IRGRP | S_IROTH
        public const uint SIwugo = 0x92;      // S_IWUSR | S_IWGRP | S_IWOTH
        public const uint SIxugo = 0x49;      // S_IXUSR | S_IXGRP | S_IXOTH
        public const uint SIrwxu = 0x1C0;
        public const uint SIrwxg = 0x38;
        public const uint SIrwxo = 0x7;
        public const int GroupToUser = 3;     // SHM_GROUPE_TO_USER
        public const int OtherToUser = 6;     // SHM_OTHER_TO_USER

        // errno values ShmGet/ShmAt/ShmCtl/ShmDt set (musl's asm-generic numbers, as the LiteOS-A port defines them).
        public const int EPERM = 1;
        public const int ENOENT = 2;
        public const int ENOMEM = 12;
        public const int EACCES = 13;
        public const int EFAULT = 14;
        public const int EEXIST = 17;
        public const int EINVAL = 22;
        public const int ENOSPC = 28;
        public const int EIDRM = 43;

        /// <summary>
        /// sizeof(struct shmid_ds) of the kernel's musl (bits/shm.h): ipc_perm (36) + shm_segsz + six time words +
        /// cpid + lpid + nattch + three pads = 88, then three 64-bit time_t at 8-byte alignment: 112.
        /// </summary>
        public const int ShmidDsSize = 112;

        /// <summary>sizeof(struct ipc_perm) (bits/ipc.h): key, uid, gid, cuid, cgid, mode, seq, two pads.</summary>
        public const int IpcPermSize = 36;

        /// <summary>sizeof(struct shminfo) of the kernel's header: five unsigned longs (IPC_INFO copies this much).</summary>
        public const int ShminfoSize = 20;

        /// <summary>sizeof(struct shm_info): used_ids and five unsigned longs (SHM_INFO copies this much).</summary>
        public const int ShmInfoStructSize = 24;

        /// <summary>
        /// sizeof(struct shmIDSource) with LOSCFG_SHELL (los_vm_shm_pri.h): shmid_ds (112) + status (4) + node (8) +
        /// ownerName[OS_PCB_NAME_LEN = 32] = 156, rounded to the struct's 8-byte alignment (the time_t fields): 160.
        /// </summary>
        public const int ShmIdSourceSize = 160;

        /// <summary>Offsets inside shmIDSource that OsShmCBInit writes (the rest starts zeroed).</summary>
        public const int SeqOffset = 24;
        public const int StatusOffset = ShmidDsSize;
        public const int NodeOffset = ShmidDsSize + 4;

        /// <summary>OsShmCBInit's LOS_MemAlloc: SHM_MNI entries from the system pool (30,720 bytes).</summary>
        public const uint SegTableSize = ShmIdSourceSize * ShmMni;
    }
}
