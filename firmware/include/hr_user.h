/* What user programs (files named *_user.c) may use: syscalls only; the kernel window is not theirs. */
#ifndef HR_USER_H
#define HR_USER_H

#include "los_typedef.h"

#define __NR_exit 1
#define __NR_read 3
#define __NR_write 4
#define __NR_brk 45
#define __NR_munmap 91
#define __NR_mprotect 125
#define __NR_mmap2 192

#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20

/*
 * A user entry point: hr_user_run jumps to NAME in USR mode with the argument in r0 and lr = 0, so the body's
 * return value goes to exit() here instead of returning into nowhere.
 */
#define USER_ENTRY(NAME)                        \
    static int NAME##_body(UINT32 arg);         \
    void NAME(UINT32 arg)                       \
    {                                           \
        u_exit(NAME##_body(arg));               \
    }                                           \
    static int NAME##_body(UINT32 arg)

int u_syscall(int nr, int a0, int a1, int a2, int a3, int a4, int a5);
void u_exit(int status) __attribute__((noreturn));
void u_puts(const char *s);
/* read(0): one console line with its '\n' (cut to len); the count, or a negative errno. */
int u_read(char *buf, size_t len);
void u_putu(const char *label, UINT32 value);
void *u_mmap(void *addr, size_t len, int prot, int flags);
int u_munmap(void *addr, size_t len);
int u_mprotect(void *addr, size_t len, int prot);
void *u_brk(void *addr);

#endif
