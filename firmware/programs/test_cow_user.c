#include "hr_user.h"

#define PAGES 4

USER_ENTRY(user_cow_child)
{
    const UINT32 parentTag = 0x50000000U;
    const UINT32 childTag = 0xC0000000U;
    for (UINT32 p = 0; p < PAGES; p++) {
        volatile UINT32 *w = (volatile UINT32 *)(arg + p * 4096);
        for (UINT32 i = 0; i < 1024; i += 64) {
            if (w[i] != (parentTag ^ (p << 16) ^ i)) {
                u_putu("user: child does not see the parent's data at ", (UINT32)&w[i]);
                return 20;
            }
        }
    }
    for (UINT32 p = 0; p < PAGES - 1; p++) {
        volatile UINT32 *w = (volatile UINT32 *)(arg + p * 4096);
        for (UINT32 i = 0; i < 1024; i += 64) {
            w[i] = childTag ^ (p << 16) ^ i;
        }
    }
    u_puts("user: child wrote its copies\n");
    return 0;
}
