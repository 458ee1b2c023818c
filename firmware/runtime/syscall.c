/*
 * The kernel half of user syscalls (Linux/musl ARM EABI numbers, as LiteOS-A's user space uses), reduced to
 * the memory calls plus write/exit. The LOS_* functions it calls are the hooked ones.
 */
#include "hr_runtime.h"
#include "hr_frame.h"

#define __NR_exit 1
#define __NR_write 4
#define __NR_brk 45
#define __NR_munmap 91
#define __NR_mprotect 125
#define __NR_mmap2 192
#define EFAULT 14
#define ENOSYS 38

/* LOS_IsUserAddressRange (los_vm_map.h): the kernel copies from user memory only after this check. */
static BOOL IsUserAddressRange(UINT32 va, UINT32 len)
{
    return va >= USER_ASPACE_BASE && len <= USER_ASPACE_TOP_MAX - va && va + len > va;
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

void OsArmA32SyscallHandle(HrExcFrame *frame)
{
    UINT32 *r = frame->r;
    int result;
    switch (r[7]) {
        case __NR_exit:
            hr_user_return((int)(r[0] & 0xFF));
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
        case __NR_mmap2:
            result = (int)LOS_MMap(r[0], r[1], r[2], r[3], (int)r[4], r[5]);
            break;
        default:
            hr_printf("syscall %u not supported\n", r[7]);
            result = -ENOSYS;
            break;
    }
    r[0] = (UINT32)result;
}
