#include "hr_user.h"

USER_ENTRY(demo_user)
{
    (void)arg;
    UINT8 *p = u_mmap(0, 8 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    u_putu("user: mmap(32 KiB) = ", (UINT32)p);
    for (int i = 0; i < 8; i++) {
        p[i * 4096] = (UINT8)i; /* each first touch is a page fault the host services */
    }
    u_puts("user: touched 8 pages (8 demand faults)\n");
    UINT8 *b = u_brk(0);
    u_brk(b + 4096);
    b[100] = 1;
    u_putu("user: brk heap at ", (UINT32)b);
    return 0;
}

USER_ENTRY(demo_user_bad)
{
    (void)arg;
    u_puts("user: reading kernel memory at 0x40000000...\n");
    return (int)*(volatile UINT32 *)0x40000000;
}
