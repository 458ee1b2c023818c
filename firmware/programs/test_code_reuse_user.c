/* The user half of test_code_reuse: exits with what reuse_value returns (1 as linked, 2 once the kernel patched it). */
#include "hr_user.h"

__attribute__((noinline, aligned(4))) int reuse_value(void)
{
    __asm__ volatile("" ::: "memory");
    return 1;
}

void code_reuse_main(UINT32 arg)
{
    (void)arg;
    u_exit(reuse_value());
}
