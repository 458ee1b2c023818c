/* The checksum device (firmware/device): a Cortex-M3 service on the far end of the LiteOS-A board's serial link. */
#ifndef DEVICE_H
#define DEVICE_H

void uart_init(void);
void uart_putc(char c);
void uart_puts(const char *s);
char uart_getc(void);

/* Serves request lines forever (checksum_service.c). */
void service_main(void) __attribute__((noreturn));

#endif
