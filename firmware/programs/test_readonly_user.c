#include "hr_user.h"

USER_ENTRY(user_write_readonly)
{
    (void)arg;
    volatile UINT32 *p = u_mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
    u_putu("user: read-only page reads ", p[0]);
    p[0] = 1;
    u_puts("user: write to a read-only page did not fault\n");
    return 3;
}

USER_ENTRY(user_write_after_mprotect)
{
    (void)arg;
    volatile UINT32 *p = u_mmap(0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    p[0] = 0x1234;
    p[1024] = 0x5678;
    if (u_mprotect((void *)p, 4096, PROT_READ) != 0) {
        return 4;
    }
    u_putu("user: after mprotect the page reads ", p[0]);
    p[1024] = 0x9999; /* the second page stays writable */
    p[0] = 5;
    u_puts("user: write after mprotect did not fault\n");
    return 3;
}
