/* The smallest program: proves start-up, the MMU configuration and the console. */
#include "hr_runtime.h"

int hr_main(void)
{
    UINT32 sctlr;
    __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
    hr_printf("hello from LiteOS-A kernel window, SCTLR=%#08x\n", sctlr);
    return 0;
}
