#include "hr_user.h"

USER_ENTRY(user_read_unmapped)
{
    (void)arg;
    volatile UINT32 *p = u_mmap(0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    p[0] = 1;
    p[1024] = 2; /* both pages mapped and in the TLB */
    if (u_munmap((void *)&p[1024], 4096) != 0) {
        return 4;
    }
    u_putu("user: first page still reads ", p[0]);
    u_putu("user: unmapped page reads ", p[1024]);
    return 3;
}

USER_ENTRY(user_remap_fixed)
{
    (void)arg;
    volatile UINT32 *p = u_mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    p[0] = 0xDEADBEEF;
    volatile UINT32 *q = u_mmap((void *)p, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED);
    if (q != p) {
        return 5;
    }
    u_putu("user: after MAP_FIXED the page reads ", q[0]);
    return q[0] == 0 ? 0 : 6;
}
