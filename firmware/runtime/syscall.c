/*
 * The kernel half of user syscalls (Linux/musl ARM EABI numbers, as LiteOS-A's user space uses), reduced to
 * the memory calls a musl user program makes (mmap2, munmap, mprotect, brk, mremap, shmget/shmat/shmdt/shmctl)
 * plus read/write/exit;
 * any other number gets -ENOSYS and one line naming it. The LOS_* functions it calls are the hooked ones.
 */
#include "hr_runtime.h"
#include "hr_frame.h"
#include "los_vm_shm.h"

#define __NR_exit 1
#define __NR_read 3
#define __NR_write 4
#define __NR_brk 45
#define __NR_munmap 91
#define __NR_mprotect 125
#define __NR_mremap 163
#define __NR_mmap2 192
#define __NR_shmat 305
#define __NR_shmdt 306
#define __NR_shmget 307
#define __NR_shmctl 308
#define EFAULT 14
#define ENOSYS 38

/* LOS_IsUserAddress (los_vm_map.h). */
static BOOL IsUserAddress(UINT32 va)
{
    return va >= USER_ASPACE_BASE && va <= USER_ASPACE_TOP_MAX - 1;
}

/*
 * LOS_IsUserAddressRange: no wrap, and both ends user addresses. The kernel copies from user memory only after
 * this check; without the end test a kernel pointer (above USER_ASPACE_TOP_MAX) would pass.
 */
static BOOL IsUserAddressRange(UINT32 va, UINT32 len)
{
    return va + len > va && IsUserAddress(va) && IsUserAddress(va + len - 1);
}

static int SysWrite(int fd, const char *buf, UINT32 len)
{
    (void)fd;
    if (!IsUserAddressRange((UINT32)buf, len)) {
        return -EFAULT;
    }
    for (UINT32 i = 0; i < len; i++) {
        hr_putc(buf[i]);
    }
    return (int)len;
}

/*
 * One console line into the user's buffer, with its '\n' if it fits (the reduced runtime has one terminal in line
 * mode): the serial link's answers reach user processes this way.
 */
static int SysRead(int fd, char *buf, UINT32 len)
{
    (void)fd;
    if (len == 0) {
        return 0;
    }
    if (!IsUserAddressRange((UINT32)buf, len)) {
        return -EFAULT;
    }
    UINT32 n = 0;
    for (;;) {
        char c = hr_getc();
        if (c == '\r') {
            continue;
        }
        buf[n++] = c;
        if (c == '\n' || n == len) {
            return (int)n;
        }
    }
}

/* SysShmGet, SysShmAt, SysShmCtl, SysShmDt (syscall/vm_syscall.c): a failure becomes -errno. */
static int SysShmGet(key_t key, size_t size, int shmflg)
{
    int ret = ShmGet(key, size, shmflg);
    return ret < 0 ? -get_errno() : ret;
}

static int SysShmAt(int shmid, const void *shmaddr, int shmflg)
{
    void *ret = ShmAt(shmid, shmaddr, shmflg);
    return ret == (void *)-1 ? -get_errno() : (int)ret;
}

static int SysShmCtl(int shmid, int cmd, struct shmid_ds *buf)
{
    int ret = ShmCtl(shmid, cmd, buf);
    return ret < 0 ? -get_errno() : ret;
}

static int SysShmDt(const void *shmaddr)
{
    int ret = ShmDt(shmaddr);
    return ret < 0 ? -get_errno() : ret;
}

void OsArmA32SyscallHandle(HrExcFrame *frame)
{
    UINT32 *r = frame->r;
    int result;
    switch (r[7]) {
        case __NR_exit:
            hr_user_return((int)(r[0] & 0xFF));
        case __NR_read:
            result = SysRead((int)r[0], (char *)r[1], r[2]);
            break;
        case __NR_write:
            result = SysWrite((int)r[0], (const char *)r[1], r[2]);
            break;
        case __NR_brk:
            result = (int)LOS_DoBrk((VOID *)r[0]);
            break;
        case __NR_munmap:
            result = LOS_UnMMap(r[0], r[1]);
            break;
        case __NR_mprotect:
            result = LOS_DoMprotect(r[0], r[1], r[2]);
            break;
        case __NR_mremap:
            /* SysMremap: new_addr is the fifth argument (musl passes 0 unless MREMAP_FIXED). */
            result = (int)LOS_DoMremap(r[0], r[1], r[2], (int)r[3], r[4]);
            break;
        case __NR_mmap2:
            /* SysMmap: the sixth argument goes to LOS_MMap as pgoff (musl already divided the offset by 4096). */
            result = (int)LOS_MMap(r[0], r[1], r[2], r[3], (int)r[4], r[5]);
            break;
        case __NR_shmat:
            result = SysShmAt((int)r[0], (const void *)r[1], (int)r[2]);
            break;
        case __NR_shmdt:
            result = SysShmDt((const void *)r[0]);
            break;
        case __NR_shmget:
            result = SysShmGet((key_t)r[0], r[1], (int)r[2]);
            break;
        case __NR_shmctl:
            result = SysShmCtl((int)r[0], (int)r[1], (struct shmid_ds *)r[2]);
            break;
        default:
            hr_printf("OsArmA32SyscallHandle: syscall %u not supported: -ENOSYS\n", r[7]);
            result = -ENOSYS;
            break;
    }
    r[0] = (UINT32)result;
}
