/*
 * The device's serial link: UART0 of the MPS2 board, an Arm CMSDK APB UART (QEMU mps2-an385 and Renode's
 * UART.CMSDK_APB_UART at 0x40004000). Polled: the service has nothing else to do while it waits for a line.
 */
#include "device.h"

#define UART0_BASE 0x40004000U
#define UART_DATA 0x00
#define UART_STATE 0x04
#define UART_CTRL 0x08
#define UART_BAUDDIV 0x10
#define UART_STATE_TX_FULL (1U << 0)
#define UART_STATE_RX_FULL (1U << 1)
#define UART_CTRL_TX_EN (1U << 0)
#define UART_CTRL_RX_EN (1U << 1)

static volatile unsigned *Reg(unsigned offset)
{
    return (volatile unsigned *)(UART0_BASE + offset);
}

void uart_init(void)
{
    *Reg(UART_BAUDDIV) = 16; /* the smallest divisor the CMSDK UART accepts; the emulators ignore the rate */
    *Reg(UART_CTRL) = UART_CTRL_TX_EN | UART_CTRL_RX_EN;
    /*
     * A read of DATA drops a stale character, and in QEMU it is what tells the character backend to offer input
     * again (cmsdk-apb-uart.c: uart_read calls qemu_chr_fe_accept_input, enabling the receiver in CTRL does not):
     * without it, input that arrived before this point waits until QEMU's main loop happens to wake up.
     */
    (void)*Reg(UART_DATA);
}

void uart_putc(char c)
{
    while (*Reg(UART_STATE) & UART_STATE_TX_FULL) {
    }
    *Reg(UART_DATA) = (unsigned char)c;
}

void uart_puts(const char *s)
{
    while (*s != '\0') {
        uart_putc(*s++);
    }
}

char uart_getc(void)
{
    while (!(*Reg(UART_STATE) & UART_STATE_RX_FULL)) {
    }
    return (char)*Reg(UART_DATA);
}
