/*
 * The checksum service: reads request lines from its UART and answers each on one line. Only lines framed as
 * ">dev COMMAND [ARG]" are requests; everything else on the link (the LiteOS-A console, when an emulator relays the
 * whole line stream as Renode's UART hub does) is ignored. Answers are framed "<dev ...". Commands:
 *   PING         -> "<dev PONG checksum-service 1"
 *   CRC+ HEX     -> feeds the bytes to the running CRC-32 (IEEE 802.3, reflected); "<dev ACK N" (bytes so far)
 *   CRC?         -> "<dev CRC XXXXXXXX N" and starts a new CRC
 *   SUM HEX      -> "<dev SUM XXXX", the Fletcher-16 of the bytes
 *   STAT         -> "<dev STAT requests=R errors=E" (this one counted)
 * A malformed request is answered "<dev ERR what" and counted as an error.
 */
#include "device.h"

#define LINE_MAX 160
#define MAX_BYTES 64

static unsigned g_requests;
static unsigned g_errors;
static unsigned g_crc = 0xFFFFFFFFU;
static unsigned g_crcBytes;

static void PutHex(unsigned value, int digits)
{
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
        unsigned d = (value >> shift) & 0xF;
        uart_putc((char)(d < 10 ? '0' + d : 'a' + d - 10));
    }
}

static void PutDecimal(unsigned value)
{
    char digits[10];
    int n = 0;
    do {
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (n > 0) {
        uart_putc(digits[--n]);
    }
}

static int StartsWith(const char *s, const char *prefix)
{
    while (*prefix != '\0') {
        if (*s++ != *prefix++) {
            return 0;
        }
    }
    return 1;
}

static int Equals(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static int HexDigit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Decodes an even, non-empty run of hex digits into bytes; -1 when malformed or longer than MAX_BYTES. */
static int DecodeHex(const char *hex, unsigned char *bytes)
{
    int n = 0;
    while (hex[0] != '\0') {
        int hi = HexDigit(hex[0]);
        int lo = hi < 0 ? -1 : HexDigit(hex[1]);
        if (lo < 0 || n == MAX_BYTES) {
            return -1;
        }
        bytes[n++] = (unsigned char)(hi << 4 | lo);
        hex += 2;
    }
    return n == 0 ? -1 : n;
}

static unsigned Crc32Update(unsigned crc, const unsigned char *bytes, int n)
{
    for (int i = 0; i < n; i++) {
        crc ^= bytes[i];
        for (int bit = 0; bit < 8; bit++) {
            crc = (crc >> 1) ^ (0xEDB88320U & (0U - (crc & 1U)));
        }
    }
    return crc;
}

static unsigned Fletcher16(const unsigned char *bytes, int n)
{
    unsigned a = 0;
    unsigned b = 0;
    for (int i = 0; i < n; i++) {
        a = (a + bytes[i]) % 255;
        b = (b + a) % 255;
    }
    return b << 8 | a;
}

static void Error(const char *what)
{
    g_errors++;
    uart_puts("<dev ERR ");
    uart_puts(what);
    uart_putc('\n');
}

static void Serve(const char *request)
{
    unsigned char bytes[MAX_BYTES];
    g_requests++;
    if (Equals(request, "PING")) {
        uart_puts("<dev PONG checksum-service 1\n");
    } else if (StartsWith(request, "CRC+ ")) {
        int n = DecodeHex(request + 5, bytes);
        if (n < 0) {
            Error("bad hex");
            return;
        }
        g_crc = Crc32Update(g_crc, bytes, n);
        g_crcBytes += (unsigned)n;
        uart_puts("<dev ACK ");
        PutDecimal(g_crcBytes);
        uart_putc('\n');
    } else if (Equals(request, "CRC?")) {
        uart_puts("<dev CRC ");
        PutHex(~g_crc, 8);
        uart_putc(' ');
        PutDecimal(g_crcBytes);
        uart_putc('\n');
        g_crc = 0xFFFFFFFFU;
        g_crcBytes = 0;
    } else if (StartsWith(request, "SUM ")) {
        int n = DecodeHex(request + 4, bytes);
        if (n < 0) {
            Error("bad hex");
            return;
        }
        uart_puts("<dev SUM ");
        PutHex(Fletcher16(bytes, n), 4);
        uart_putc('\n');
    } else if (Equals(request, "STAT")) {
        uart_puts("<dev STAT requests=");
        PutDecimal(g_requests);
        uart_puts(" errors=");
        PutDecimal(g_errors);
        uart_putc('\n');
    } else {
        Error("unknown request");
    }
}

void service_main(void)
{
    char line[LINE_MAX + 1];
    int n = 0;
    int overflow = 0;
    for (;;) {
        char c = uart_getc();
        if (c == '\r') {
            continue;
        }
        if (c != '\n') {
            if (n < LINE_MAX) {
                line[n++] = c;
            } else {
                overflow = 1;
            }
            continue;
        }
        line[n] = '\0';
        if (StartsWith(line, ">dev ")) {
            if (overflow) {
                g_requests++;
                Error("line too long");
            } else {
                Serve(line + 5);
            }
        }
        n = 0;
        overflow = 0;
    }
}
