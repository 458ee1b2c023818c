#include "hr_user.h"

#define PAGES 64
#define PAGE 4096

USER_ENTRY(user_mmap_main)
{
    UINT8 *p = u_mmap(0, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    if ((int)p < 0 && (int)p > -4096) {
        u_putu("user: mmap failed ", (UINT32)p);
        return 10;
    }
    u_putu("user: mmap region at ", (UINT32)p);
    for (UINT32 i = 0; i < PAGES; i++) {
        volatile UINT32 *w = (volatile UINT32 *)(p + i * PAGE);
        if (w[0] != 0 || w[512] != 0) {
            return 11; /* a fresh anonymous page must read as zeros */
        }
        w[0] = 0x55000000U | (i << 8) | arg;
        w[1023] = ~i;
    }
    for (UINT32 i = 0; i < PAGES; i++) {
        volatile UINT32 *w = (volatile UINT32 *)(p + i * PAGE);
        if (w[0] != (0x55000000U | (i << 8) | arg) || w[1023] != ~i) {
            return 12;
        }
    }
    u_puts("user: 64 demand-paged pages verified\n");

    /* LiteOS-A's LOS_DoBrk returns the new break rounded up to a page, not the address asked for (Linux). */
    UINT8 *b0 = u_brk(0);
    UINT8 *b1 = u_brk(b0 + 3 * PAGE + 100);
    if (b1 != b0 + 4 * PAGE) {
        u_putu("user: brk returned ", (UINT32)b1);
        return 13;
    }
    for (UINT8 *q = b0; q < b1; q += 512) {
        *q = 0x7E;
    }
    for (UINT8 *q = b0; q < b1; q += 512) {
        if (*q != 0x7E) {
            return 14;
        }
    }
    u_putu("user: brk heap grown to ", (UINT32)b1);
    if (u_munmap(p, PAGES * PAGE) != 0) {
        return 15;
    }
    return 0;
}
