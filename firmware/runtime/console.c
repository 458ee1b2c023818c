/* PL011 console and a small printf (no newlib). The UART's VA moves when the MMU comes on. */
#include <stdarg.h>
#include "hr_runtime.h"

#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF (1U << 5)
#define PL011_FR_RXFE (1U << 4)

/* Physical address until start-up switches to g_hrConfig.uartVa (the PeriphDevice window). */
volatile UINT32 g_hrUartBase = 0x09000000U;

void hr_putc(char c)
{
    volatile UINT32 *uart = (volatile UINT32 *)g_hrUartBase;
    while (uart[PL011_FR / 4] & PL011_FR_TXFF) {
    }
    uart[PL011_DR / 4] = (UINT32)(UINT8)c;
}

/* Polls: the console's receive side carries the serial link's answers (firmware/ABI.md, "Serial link"). */
char hr_getc(void)
{
    volatile UINT32 *uart = (volatile UINT32 *)g_hrUartBase;
    while (uart[PL011_FR / 4] & PL011_FR_RXFE) {
    }
    return (char)(uart[PL011_DR / 4] & 0xFF);
}

UINT32 hr_getline(char *buf, UINT32 size)
{
    UINT32 n = 0;
    for (;;) {
        char c = hr_getc();
        if (c == '\r') {
            continue;
        }
        if (c == '\n') {
            break;
        }
        if (n + 1 < size) {
            buf[n++] = c;
        }
    }
    if (size > 0) {
        buf[n] = '\0';
    }
    return n;
}

void hr_puts(const char *s)
{
    while (*s != '\0') {
        hr_putc(*s++);
    }
}

static void PutNumber(UINT32 value, UINT32 base, int width, char pad, int negative)
{
    char digits[12];
    int n = 0;
    do {
        UINT32 d = value % base;
        digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        value /= base;
    } while (value != 0);
    if (negative) {
        if (pad == '0') {
            hr_putc('-');
        } else {
            digits[n++] = '-';
        }
        width--;
    }
    for (int i = n; i < width; i++) {
        hr_putc(pad);
    }
    while (n > 0) {
        hr_putc(digits[--n]);
    }
}

int hr_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt != '\0'; fmt++) {
        if (*fmt != '%') {
            hr_putc(*fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0;
        if (*fmt == '#') {
            hr_puts("0x");
            fmt++;
        }
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9') {
            width = width * 10 + (*fmt++ - '0');
        }
        while (*fmt == 'l' || *fmt == 'z') {
            fmt++;
        }
        switch (*fmt) {
            case 'd': {
                int v = va_arg(ap, int);
                PutNumber(v < 0 ? (UINT32)-v : (UINT32)v, 10, width, pad, v < 0);
                break;
            }
            case 'u':
                PutNumber(va_arg(ap, UINT32), 10, width, pad, 0);
                break;
            case 'x':
                PutNumber(va_arg(ap, UINT32), 16, width, pad, 0);
                break;
            case 'p':
                hr_puts("0x");
                PutNumber(va_arg(ap, UINT32), 16, 8, '0', 0);
                break;
            case 's': {
                const char *s = va_arg(ap, const char *);
                hr_puts(s != NULL ? s : "(null)");
                break;
            }
            case 'c':
                hr_putc((char)va_arg(ap, int));
                break;
            case '%':
                hr_putc('%');
                break;
            default:
                hr_putc('%');
                hr_putc(*fmt);
                break;
        }
    }
    va_end(ap);
    return 0;
}
