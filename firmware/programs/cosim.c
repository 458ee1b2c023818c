/*
 * Co-simulation: the LiteOS-A side of a serial link to the checksum device (firmware/device). Requests go out on the
 * console framed ">dev ..." and the device's "<dev ..." answers come back on the console's receive side (the
 * emulator relays the link: firmware/ABI.md, "Serial link"). The data lives in memory the model hands out: a heap
 * block and a page-backed block from LOS_KernelMalloc, and a user process's anonymous mmap (cosim_user.c). Every
 * answer is checked against the checksum computed here; the buffers are freed so the model ends where it booted.
 */
#include "hr_test.h"
#include "los_memory.h"

#define CHUNK 32
#define SMALL_SIZE 64
#define LARGE_SIZE (3 * 4096) /* above KMALLOC_LARGE_SIZE: whole pages from the page allocator */

void cosim_user_main(UINT32 arg);

static char g_answer[96];
static UINT32 g_requests;

static UINT32 Crc32Update(UINT32 crc, const UINT8 *bytes, UINT32 n)
{
    for (UINT32 i = 0; i < n; i++) {
        crc ^= bytes[i];
        for (int bit = 0; bit < 8; bit++) {
            crc = (crc >> 1) ^ (0xEDB88320U & (0U - (crc & 1U)));
        }
    }
    return crc;
}

static int Same(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* The first `prefix` in `line`, or NULL. */
static const char *Find(const char *line, const char *prefix)
{
    for (; *line != '\0'; line++) {
        const char *a = line;
        const char *b = prefix;
        while (*b != '\0' && *a == *b) {
            a++;
            b++;
        }
        if (*b == '\0') {
            return line;
        }
    }
    return NULL;
}

/* Sends one request (the hex of `bytes` after `command` when n > 0) and waits for the device's answer line. */
static const char *Ask(const char *command, const UINT8 *bytes, UINT32 n)
{
    static const char digits[] = "0123456789abcdef";
    hr_printf(">dev %s", command);
    if (n > 0) {
        hr_putc(' ');
        for (UINT32 i = 0; i < n; i++) {
            hr_putc(digits[bytes[i] >> 4]);
            hr_putc(digits[bytes[i] & 0xF]);
        }
    }
    hr_putc('\n');
    g_requests++;
    /* The link may carry other lines (the device's unframed start-up banner): the answer is the next "<dev " one. */
    const char *answer;
    do {
        hr_getline(g_answer, sizeof(g_answer));
        answer = Find(g_answer, "<dev ");
    } while (answer == NULL);
    hr_printf("cosim: device answered %s\n", answer);
    return answer;
}

static void Expect(const char *what, const char *answer, const char *want)
{
    CHECK(Same(answer, want), "%s: device said '%s', expected '%s'", what, answer, want);
}

static char *FormatHex(char *at, UINT32 value, int digits)
{
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
        UINT32 d = (value >> shift) & 0xF;
        *at++ = (char)(d < 10 ? '0' + d : 'a' + d - 10);
    }
    return at;
}

static char *FormatText(char *at, const char *s)
{
    while (*s != '\0') {
        *at++ = *s++;
    }
    return at;
}

static char *FormatDecimal(char *at, UINT32 value)
{
    char digits[10];
    int n = 0;
    do {
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (n > 0) {
        *at++ = digits[--n];
    }
    return at;
}

/* Feeds `n` bytes (a multiple of CHUNK) to the device's CRC; checks every ACK's running count. */
static void FeedCrc(const UINT8 *bytes, UINT32 n, UINT32 *fed)
{
    for (UINT32 off = 0; off < n; off += CHUNK) {
        char want[32];
        *fed += CHUNK;
        *FormatDecimal(FormatText(want, "<dev ACK "), *fed) = '\0';
        Expect("CRC+", Ask("CRC+", bytes + off, CHUNK), want);
    }
}

static void ExpectCrc(const char *what, UINT32 crc, UINT32 count)
{
    char want[40];
    char *at = FormatHex(FormatText(want, "<dev CRC "), ~crc, 8);
    *FormatDecimal(FormatText(at, " "), count) = '\0';
    Expect(what, Ask("CRC?", NULL, 0), want);
}

int hr_main(void)
{
    Expect("PING", Ask("PING", NULL, 0), "<dev PONG checksum-service 1");

    /* A heap block: its bytes go to the device whole. */
    UINT8 *small = LOS_KernelMalloc(SMALL_SIZE);
    CHECK(small != NULL, "LOS_KernelMalloc(%u) failed", SMALL_SIZE);
    if (small == NULL) {
        return hr_test_end("cosim");
    }
    for (UINT32 i = 0; i < SMALL_SIZE; i++) {
        small[i] = (UINT8)(i * 7 + 3);
    }
    UINT32 fed = 0;
    FeedCrc(small, SMALL_SIZE, &fed);
    ExpectCrc("CRC of the heap block", Crc32Update(0xFFFFFFFFU, small, SMALL_SIZE), fed);
    hr_printf("cosim: heap block of %u bytes checksummed by the device\n", SMALL_SIZE);

    /* A page-backed block: the first and last CHUNK bytes of each of its pages. */
    UINT8 *large = LOS_KernelMalloc(LARGE_SIZE);
    CHECK(large != NULL, "LOS_KernelMalloc(%u) failed", LARGE_SIZE);
    if (large == NULL) {
        LOS_KernelFree(small);
        return hr_test_end("cosim");
    }
    for (UINT32 i = 0; i < LARGE_SIZE; i++) {
        large[i] = (UINT8)(i ^ (i >> 8) ^ 0x5A);
    }
    UINT32 crc = 0xFFFFFFFFU;
    fed = 0;
    for (UINT32 page = 0; page < LARGE_SIZE / 4096; page++) {
        const UINT8 *first = large + page * 4096;
        const UINT8 *last = first + 4096 - CHUNK;
        FeedCrc(first, CHUNK, &fed);
        FeedCrc(last, CHUNK, &fed);
        crc = Crc32Update(Crc32Update(crc, first, CHUNK), last, CHUNK);
    }
    ExpectCrc("CRC of the page block", crc, fed);
    hr_printf("cosim: %u pages sampled by the device\n", LARGE_SIZE / 4096);

    /* A malformed request is the device's error, not ours: it answers ERR and counts it. */
    Expect("bad hex", Ask("CRC+ 0g", NULL, 0), "<dev ERR bad hex");

    /* A user process asks for a Fletcher-16 of data in its own mmap (cosim_user.c); it sends 1 request. */
    int status = hr_process_run((UINT32)cosim_user_main, 0);
    CHECK(status == 0, "user process exit status %#x", status);
    hr_printf("cosim: user process exited with %d\n", status);
    g_requests++;

    char want[48];
    char *at = FormatDecimal(FormatText(want, "<dev STAT requests="), g_requests + 1);
    *FormatText(at, " errors=1") = '\0';
    Expect("STAT", Ask("STAT", NULL, 0), want);

    LOS_KernelFree(large);
    LOS_KernelFree(small);
    return hr_test_end("cosim");
}
