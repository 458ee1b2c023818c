/* The three mem* functions gcc may call even with -fno-builtin (struct copies, zeroing). */
#include "hr_runtime.h"

void *memset(void *dst, int c, size_t n)
{
    UINT8 *d = dst;
    while (n-- > 0) {
        *d++ = (UINT8)c;
    }
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    UINT8 *d = dst;
    const UINT8 *s = src;
    while (n-- > 0) {
        *d++ = *s++;
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const UINT8 *x = a;
    const UINT8 *y = b;
    for (; n > 0; n--, x++, y++) {
        if (*x != *y) {
            return *x < *y ? -1 : 1;
        }
    }
    return 0;
}
