#include "hr_user.h"

#define PAGE 4096
#define DATA 16

static UINT32 Fletcher16(const UINT8 *bytes, UINT32 n)
{
    UINT32 a = 0;
    UINT32 b = 0;
    for (UINT32 i = 0; i < n; i++) {
        a = (a + bytes[i]) % 255;
        b = (b + a) % 255;
    }
    return b << 8 | a;
}

static char *Hex(char *at, UINT32 value, int digits)
{
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
        UINT32 d = (value >> shift) & 0xF;
        *at++ = (char)(d < 10 ? '0' + d : 'a' + d - 10);
    }
    return at;
}

static int Same(const char *a, const char *b, int n)
{
    for (int i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return 0;
        }
    }
    return 1;
}

/* Data, request and answer all live in one anonymous page: the kernel's read() writes the answer into it. */
USER_ENTRY(cosim_user_main)
{
    (void)arg;
    UINT8 *page = u_mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    if ((int)page < 0 && (int)page > -4096) {
        return 10;
    }
    UINT8 *data = page;
    char *request = (char *)page + 64;
    char *answer = (char *)page + 256;
    char *want = (char *)page + 512;
    for (UINT32 i = 0; i < DATA; i++) {
        data[i] = (UINT8)(0xA0 + i * 13);
    }
    char *at = request;
    for (const char *s = ">dev SUM "; *s != '\0'; s++) {
        *at++ = *s;
    }
    for (UINT32 i = 0; i < DATA; i++) {
        at = Hex(at, data[i], 2);
    }
    *at++ = '\n';
    *at = '\0';
    u_puts(request);
    int n = u_read(answer, 128);
    char *w = want;
    for (const char *s = "<dev SUM "; *s != '\0'; s++) {
        *w++ = *s;
    }
    w = Hex(w, Fletcher16(data, DATA), 4);
    *w++ = '\n';
    if (n != w - want || !Same(answer, want, n)) {
        u_puts("user: unexpected answer ");
        u_puts(answer);
        return 11;
    }
    u_puts("user: device's Fletcher-16 of my mmap data matches: ");
    u_puts(answer);
    return u_munmap(page, PAGE) == 0 ? 0 : 12;
}
