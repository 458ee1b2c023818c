/* What user programs (files named *_user.c) may use: syscalls only; the kernel window is not theirs. */
#ifndef HR_USER_H
#define HR_USER_H

#include "los_typedef.h"
#include "los_vm_shm.h" /* key_t, struct shmid_ds, IPC_* and SHM_* (the same values in user space) */

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

#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_SHARED 0x01
#define MAP_ANONYMOUS 0x20
#define MAP_ANON MAP_ANONYMOUS
#define MAP_FAILED ((void *)-1)
#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2

/* errno values the memory calls give (musl's asm-generic numbers). */
#define EPERM 1
#define ENOENT 2
#define EBADF 9
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EEXIST 17
#define EINVAL 22
#define ENOSPC 28
#define EIDRM 43
#define ENOSYS 38

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

/*
 * libc-shaped wrappers with musl's argument handling, so a LiteOS-A user program (kernel testsuites/unittest/
 * basic/mem/vm) compiles against this library with few changes. A failing call sets errno (a variable of the
 * user image's bss) and returns MAP_FAILED / -1, as musl's __syscall_ret does.
 *   mmap     an offset that is not a multiple of 4096 -> EINVAL, len >= PTRDIFF_MAX -> ENOMEM, both without a
 *            syscall; otherwise mmap2 with the offset in pages; -EPERM for an anonymous, non-fixed, unhinted map
 *            becomes ENOMEM.
 *   mprotect rounds addr down and addr + len up to pages before the syscall (so an unaligned addr succeeds).
 *   mremap   new_len >= PTRDIFF_MAX -> ENOMEM without a syscall; new_addr (the fifth argument) is read only
 *            with MREMAP_FIXED, 0 is passed otherwise.
 *   munmap   passed through.
 *   brk/sbrk musl's own brk always fails with ENOMEM and its sbrk answers only sbrk(0); these pass through to
 *            LiteOS-A's brk instead (glibc's behaviour): brk(end) is 0 when the kernel's new break (page rounded)
 *            covers end, else -1/ENOMEM; sbrk(inc) returns the old break or (void *)-1.
 */
extern int errno;
int getpagesize(void);
void *mmap(void *start, size_t len, int prot, int flags, int fd, long off);
int munmap(void *start, size_t len);
int mprotect(void *addr, size_t len, int prot);
void *mremap(void *old_addr, size_t old_len, size_t new_len, int flags, ...);
int brk(void *end);
void *sbrk(long inc);

/*
 * System V shared memory, as musl's src/ipc: shmget passes a size above PTRDIFF_MAX as SIZE_MAX; shmctl sends the
 * command with IPC_64 set (IPC_CMD), which the kernel strips; failures set errno and return -1 ((void *)-1).
 */
int shmget(key_t key, size_t size, int flag);
void *shmat(int id, const void *addr, int flag);
int shmdt(const void *addr);
int shmctl(int id, int cmd, struct shmid_ds *buf);

#endif
