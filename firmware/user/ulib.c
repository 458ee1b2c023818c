/*
 * User-side library: linked into the user image (sections renamed to .user.*), so it runs in USR mode at user
 * addresses and may not call anything in the kernel window.
 */
#include <stdarg.h>
#include "hr_user.h"

#define PAGE 4096
#define PTRDIFF_MAX 0x7FFFFFFF

int errno;

/* musl's __syscall_ret: -4095..-1 are errors. */
static long SyscallRet(unsigned long r)
{
    if (r > -4096UL) {
        errno = (int)-r;
        return -1;
    }
    return (long)r;
}

int u_syscall(int nr, int a0, int a1, int a2, int a3, int a4, int a5)
{
    register int r0 __asm__("r0") = a0;
    register int r1 __asm__("r1") = a1;
    register int r2 __asm__("r2") = a2;
    register int r3 __asm__("r3") = a3;
    register int r4 __asm__("r4") = a4;
    register int r5 __asm__("r5") = a5;
    register int r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0"
                     : "+r"(r0)
                     : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
                     : "memory");
    return r0;
}

void u_exit(int status)
{
    u_syscall(__NR_exit, status, 0, 0, 0, 0, 0);
    for (;;) {
    }
}

void u_puts(const char *s)
{
    int n = 0;
    while (s[n] != '\0') {
        n++;
    }
    u_syscall(__NR_write, 1, (int)s, n, 0, 0, 0);
}

int u_read(char *buf, size_t len)
{
    return u_syscall(__NR_read, 0, (int)buf, (int)len, 0, 0, 0);
}

void u_putu(const char *label, UINT32 value)
{
    char buf[12];
    int n = 11;
    buf[n] = '\0';
    do {
        UINT32 d = value & 0xF;
        buf[--n] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        value >>= 4;
    } while (value != 0);
    buf[--n] = 'x';
    buf[--n] = '0';
    u_puts(label);
    u_puts(&buf[n]);
    u_puts("\n");
}

void *u_mmap(void *addr, size_t len, int prot, int flags)
{
    return (void *)u_syscall(__NR_mmap2, (int)addr, (int)len, prot, flags, -1, 0);
}

int u_munmap(void *addr, size_t len)
{
    return u_syscall(__NR_munmap, (int)addr, (int)len, 0, 0, 0, 0);
}

int u_mprotect(void *addr, size_t len, int prot)
{
    return u_syscall(__NR_mprotect, (int)addr, (int)len, prot, 0, 0, 0);
}

void *u_brk(void *addr)
{
    return (void *)u_syscall(__NR_brk, (int)addr, 0, 0, 0, 0, 0);
}

int getpagesize(void)
{
    return PAGE;
}

void *mmap(void *start, size_t len, int prot, int flags, int fd, long off)
{
    if ((off & (PAGE - 1)) != 0) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    if (len >= PTRDIFF_MAX) {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    long ret = u_syscall(__NR_mmap2, (int)start, (int)len, prot, flags, fd, (int)(off / PAGE));
    if (ret == -EPERM && start == 0 && (flags & MAP_ANONYMOUS) != 0 && (flags & MAP_FIXED) == 0) {
        ret = -ENOMEM;
    }
    return (void *)SyscallRet((unsigned long)ret);
}

int munmap(void *start, size_t len)
{
    return (int)SyscallRet((unsigned long)u_syscall(__NR_munmap, (int)start, (int)len, 0, 0, 0, 0));
}

int mprotect(void *addr, size_t len, int prot)
{
    size_t start = (size_t)addr & -(size_t)PAGE;
    size_t end = ((size_t)addr + len + PAGE - 1) & -(size_t)PAGE;
    return (int)SyscallRet((unsigned long)u_syscall(__NR_mprotect, (int)start, (int)(end - start), prot, 0, 0, 0));
}

void *mremap(void *old_addr, size_t old_len, size_t new_len, int flags, ...)
{
    void *new_addr = 0;
    if (new_len >= PTRDIFF_MAX) {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    if ((flags & MREMAP_FIXED) != 0) {
        va_list ap;
        va_start(ap, flags);
        new_addr = va_arg(ap, void *);
        va_end(ap);
    }
    return (void *)SyscallRet((unsigned long)u_syscall(__NR_mremap, (int)old_addr, (int)old_len, (int)new_len, flags,
                                                       (int)new_addr, 0));
}

int brk(void *end)
{
    unsigned long ret = (unsigned long)u_syscall(__NR_brk, (int)end, 0, 0, 0, 0, 0);
    if (ret > -4096UL) {
        errno = (int)-ret;
        return -1;
    }
    if (ret < (unsigned long)end) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

void *sbrk(long inc)
{
    unsigned long old = (unsigned long)u_syscall(__NR_brk, 0, 0, 0, 0, 0, 0);
    if (inc == 0 || old > -4096UL) {
        return (void *)SyscallRet(old);
    }
    if (brk((void *)(old + inc)) != 0) {
        return (void *)-1;
    }
    return (void *)old;
}

int shmget(key_t key, size_t size, int flag)
{
    if (size > PTRDIFF_MAX) {
        size = 0xFFFFFFFF;
    }
    return (int)SyscallRet((unsigned long)u_syscall(__NR_shmget, key, (int)size, flag, 0, 0, 0));
}

void *shmat(int id, const void *addr, int flag)
{
    return (void *)SyscallRet((unsigned long)u_syscall(__NR_shmat, id, (int)addr, flag, 0, 0, 0));
}

int shmdt(const void *addr)
{
    return (int)SyscallRet((unsigned long)u_syscall(__NR_shmdt, (int)addr, 0, 0, 0, 0, 0));
}

int shmctl(int id, int cmd, struct shmid_ds *buf)
{
    return (int)SyscallRet((unsigned long)u_syscall(__NR_shmctl, id, cmd | IPC_64, (int)buf, 0, 0, 0));
}
