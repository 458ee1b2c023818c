/*
 * System V shared memory as LiteOS-A declares it (kernel/base/include/los_vm_syscall.h: ShmInit .. ShmDt) with the
 * kernel's musl definitions it uses (third_party_musl porting/liteos_a/kernel/include/sys/ipc.h, sys/shm.h,
 * bits/shm.h, bits/ipc.h): the segments live in the host model (firmware/ABI.md, "System V shared memory").
 * A failing call returns -1 ((VOID *)-1 for ShmAt) and sets errno (get_errno()), as in the kernel.
 */
#ifndef LOS_VM_SHM_H
#define LOS_VM_SHM_H

#include "los_typedef.h"

typedef int key_t;

#define IPC_PRIVATE ((key_t)0)
#define IPC_CREAT 01000
#define IPC_EXCL 02000
#define IPC_RMID 0
#define IPC_SET 1
#define IPC_STAT 2
#define IPC_INFO 3
#define IPC_64 0x0100

#define SHM_R 0400
#define SHM_W 0200
#define SHM_RDONLY 010000
#define SHM_RND 020000
#define SHM_REMAP 040000
#define SHM_EXEC 0100000
#define SHM_STAT 13
#define SHM_INFO 14
#define SHMLBA 4096

struct ipc_perm {
    key_t __ipc_perm_key;
    UINT32 uid;
    UINT32 gid;
    UINT32 cuid;
    UINT32 cgid;
    UINT32 mode;
    int __ipc_perm_seq;
    long __pad1;
    long __pad2;
};

struct shmid_ds {
    struct ipc_perm shm_perm;
    size_t shm_segsz;
    unsigned long __shm_atime_lo;
    unsigned long __shm_atime_hi;
    unsigned long __shm_dtime_lo;
    unsigned long __shm_dtime_hi;
    unsigned long __shm_ctime_lo;
    unsigned long __shm_ctime_hi;
    int shm_cpid;
    int shm_lpid;
    unsigned long shm_nattch;
    unsigned long __pad1;
    unsigned long __pad2;
    unsigned long __pad3;
    long long shm_atime;
    long long shm_dtime;
    long long shm_ctime;
};

struct shminfo {
    unsigned long shmmax, shmmin, shmmni, shmseg, shmall;
};

struct shm_info {
    int used_ids;
    unsigned long shm_tot, shm_rss, shm_swp;
    unsigned long swap_attempts, swap_successes;
};

_Static_assert(sizeof(struct shmid_ds) == 112, "the kernel's musl layout (Vm/Shm/ShmConstants.cs)");

UINT32 ShmInit(VOID);
UINT32 ShmDeinit(VOID);
INT32 ShmGet(key_t key, size_t size, INT32 shmflg);
VOID *ShmAt(INT32 shmid, const VOID *shmaddr, INT32 shmflg);
INT32 ShmCtl(INT32 shmid, INT32 cmd, struct shmid_ds *buf);
INT32 ShmDt(const VOID *shmaddr);

/* The current task's errno (LosTaskCB.errorNo in the kernel; the runtime has one kernel task). */
int *__errno_location(void);
#define get_errno() (*__errno_location())
#define set_errno(e) (*__errno_location() = (e))

#endif
