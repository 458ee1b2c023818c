#include "hr_user.h"

#define PAGE 4096

/* One word in the data segment (stored in the image) and two pages of bss (mapped as OsSetBss maps them). */
static volatile UINT32 g_initialised = 0x600DDA7AU;
static volatile UINT32 g_zeroed[2 * 1024];

static int Fail(int code, const char *what, UINT32 value)
{
    u_putu(what, value);
    return code;
}

static void Fill(volatile UINT32 *p, UINT32 pages, UINT32 tag)
{
    for (UINT32 i = 0; i < pages; i++) {
        p[i * 1024] = tag + i;
    }
}

static BOOL Holds(volatile UINT32 *p, UINT32 pages, UINT32 tag)
{
    for (UINT32 i = 0; i < pages; i++) {
        if (p[i * 1024] != tag + i) {
            return FALSE;
        }
    }
    return TRUE;
}

/* What the loader put at the stack pointer: argc, argv[0] = "/bin/hr_user", NULL, envp NULL, the aux vector. */
static int CheckParameters(void)
{
    const UINT32 *sp = (const UINT32 *)0x3EFFFF40U;
    const char *argv0 = (const char *)sp[1];
    const char *want = "/bin/hr_user";
    if (sp[0] != 1 || sp[2] != 0 || sp[3] != 0) {
        return Fail(20, "user: argc/argv/envp wrong, argc ", sp[0]);
    }
    for (int i = 0; want[i] != '\0' || argv0[i] != '\0'; i++) {
        if (want[i] != argv0[i]) {
            return Fail(21, "user: argv[0] wrong at ", (UINT32)argv0);
        }
    }
    u_putu("user: argv[0] at ", (UINT32)argv0);
    return 0;
}

USER_ENTRY(user_mremap_main)
{
    (void)arg;
    int ret = CheckParameters();
    if (ret != 0) {
        return ret;
    }
    if (g_initialised != 0x600DDA7AU || g_zeroed[0] != 0 || g_zeroed[2047] != 0) {
        return Fail(22, "user: data/bss wrong: ", g_initialised);
    }
    g_zeroed[2047] = 1;

    /* brk: the first break is USER_HEAP_BASE; LiteOS-A hands back the page-rounded new break. */
    char *b0 = sbrk(0);
    u_putu("user: first break ", (UINT32)b0);
    if (brk(b0 + 100) != 0 || sbrk(0) != b0 + PAGE) {
        return Fail(23, "user: brk did not grow to ", (UINT32)sbrk(0));
    }

    int size = 2 * PAGE;
    char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    if (p == MAP_FAILED) {
        return Fail(1, "user: mmap failed, errno ", (UINT32)errno);
    }
    u_putu("user: first mmap ", (UINT32)p);
    Fill((volatile UINT32 *)p, 2, 0xA0);

    /* Parameter checks (mremap_test_001). */
    errno = 0;
    if (mremap(0, 0, 0, 0, 0) != MAP_FAILED || errno != EINVAL) {
        return Fail(2, "user: mremap(0) errno ", (UINT32)errno);
    }
    errno = 0;
    if (mremap(p, size, size, MREMAP_FIXED, 0) != MAP_FAILED || errno != EINVAL) {
        return Fail(3, "user: FIXED without MAYMOVE errno ", (UINT32)errno);
    }
    u_puts("user: mremap bad arguments: EINVAL, EINVAL\n");

    /* Shrink, same size, grow in place: the stack region above leaves room (OsIsRegionCanExpand). */
    if (mremap(p, size, PAGE, MREMAP_MAYMOVE) != p || mremap(p, PAGE, PAGE, MREMAP_MAYMOVE) != p) {
        return Fail(4, "user: shrink moved ", (UINT32)p);
    }
    char *grown = mremap(p, PAGE, size, 0);
    if (grown != p || !Holds((volatile UINT32 *)p, 1, 0xA0)) {
        return Fail(5, "user: grow in place gave ", (UINT32)grown);
    }
    u_putu("user: shrunk and grown in place at ", (UINT32)grown);

    /* A neighbour right after p: growing now needs MREMAP_MAYMOVE, and the region moves to the first fit. */
    char *q = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    if (q != p + size) {
        return Fail(6, "user: neighbour at ", (UINT32)q);
    }
    Fill((volatile UINT32 *)p, 2, 0xB0);
    errno = 0;
    if (mremap(p, size, 3 * PAGE, 0) != MAP_FAILED || errno != EINVAL) {
        return Fail(7, "user: grow without MAYMOVE errno ", (UINT32)errno);
    }
    char *moved = mremap(p, size, 3 * PAGE, MREMAP_MAYMOVE);
    if (moved != q + PAGE || !Holds((volatile UINT32 *)moved, 2, 0xB0)) {
        return Fail(8, "user: grow by moving gave ", (UINT32)moved);
    }
    u_putu("user: grown by moving to ", (UINT32)moved);

    /* Fixed target: overlapping ones are refused, a free one gets the pages (and back again). */
    errno = 0;
    if (mremap(moved, size, size, MREMAP_MAYMOVE | MREMAP_FIXED, moved + PAGE) != MAP_FAILED || errno != EINVAL) {
        return Fail(9, "user: overlapping fixed target errno ", (UINT32)errno);
    }
    char *target = moved + 3 * PAGE + 16 * PAGE;
    char *fixed = mremap(moved, size, size, MREMAP_MAYMOVE | MREMAP_FIXED, target);
    if (fixed != target || !Holds((volatile UINT32 *)fixed, 2, 0xB0)) {
        return Fail(10, "user: fixed target gave ", (UINT32)fixed);
    }
    u_putu("user: moved to the fixed target ", (UINT32)fixed);

    /* More bad arguments: unaligned, beyond the region (EFAULT), unmapped, unknown flag, huge (musl, ENOMEM). */
    int errs[5];
    errno = 0;
    errs[0] = mremap(fixed + 1, PAGE, PAGE, MREMAP_MAYMOVE) == MAP_FAILED ? errno : 0;
    errno = 0;
    errs[1] = mremap(fixed, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE) == MAP_FAILED ? errno : 0;
    errno = 0;
    errs[2] = mremap(p, PAGE, PAGE, MREMAP_MAYMOVE) == MAP_FAILED ? errno : 0;
    errno = 0;
    errs[3] = mremap(fixed, PAGE, PAGE, 4) == MAP_FAILED ? errno : 0;
    errno = 0;
    errs[4] = mremap(fixed, PAGE, 0x80000000U, MREMAP_MAYMOVE) == MAP_FAILED ? errno : 0;
    if (errs[0] != EINVAL || errs[1] != EFAULT || errs[2] != EINVAL || errs[3] != EINVAL || errs[4] != ENOMEM) {
        return Fail(11, "user: bad-argument errnos wrong, first ", (UINT32)errs[0]);
    }
    u_puts("user: unaligned EINVAL, past the region EFAULT, unmapped EINVAL, bad flag EINVAL, huge ENOMEM\n");

    /* A syscall this kernel half does not have. */
    if (u_syscall(999, 0, 0, 0, 0, 0, 0) != -ENOSYS) {
        return 12;
    }
    if (munmap(fixed, size) != 0 || munmap(q, PAGE) != 0) {
        return Fail(13, "user: munmap errno ", (UINT32)errno);
    }
    return 0;
}
