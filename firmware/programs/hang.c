/* Never exits: the host must stop the run at its deadline and say where the guest was. */
#include "hr_runtime.h"

int hr_main(void)
{
    hr_printf("hang: spinning forever\n");
    for (;;) {
        __asm__ volatile("nop");
    }
}
