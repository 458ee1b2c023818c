/* Cortex-M3 start-up: the vector table the core reads at reset (VTOR = 0), a zeroed .bss, then the service. */
#include "device.h"

extern unsigned __stack_top;
extern unsigned __bss_start;
extern unsigned __bss_end;

void DeviceReset(void);

/* Any fault stops the device where a debugger can see it; the LiteOS-A side then times out waiting for answers. */
static void DeviceFault(void)
{
    for (;;) {
    }
}

__attribute__((section(".vectors"), used)) static void (*const g_vectors[16])(void) = {
    (void (*)(void))&__stack_top, DeviceReset, DeviceFault, DeviceFault, DeviceFault, DeviceFault, DeviceFault,
};

void DeviceReset(void)
{
    for (unsigned *p = &__bss_start; p < &__bss_end; p++) {
        *p = 0;
    }
    uart_init();
    /* Unframed, so the LiteOS-A side skips it; it tells a relaying host that the receiver is enabled now. */
    uart_puts("checksum-service ready\n");
    service_main();
}
