/* A short tour: kernel heap, vmalloc, a user process with demand-paged mmap and brk, a refused user access. */
#include "hr_runtime.h"
#include "los_memory.h"

void demo_user(UINT32 arg);
void demo_user_bad(UINT32 arg);

int hr_main(void)
{
    hr_printf("demo: LiteOS-A memory manager in the host, firmware at %p\n", (void *)hr_main);
    hr_printf("demo: system pool (m_aucSysMem1) at %p\n", m_aucSysMem1);
    static const UINT32 sizes[] = { 16, 100, 1000, 20000 };
    void *blocks[4];
    for (int i = 0; i < 4; i++) {
        blocks[i] = LOS_KernelMalloc(sizes[i]);
        memset(blocks[i], 0x5A, sizes[i]);
        hr_printf("demo: LOS_KernelMalloc(%u) = %p\n", sizes[i], blocks[i]);
    }
    for (int i = 0; i < 4; i++) {
        LOS_KernelFree(blocks[i]);
    }

    UINT32 *v = LOS_VMalloc(64 * 1024);
    for (UINT32 i = 0; i < 16; i++) {
        v[i * 1024] = i;
    }
    hr_printf("demo: LOS_VMalloc(64 KiB) = %p, first page at PA %#x\n", v, LOS_PaddrQuery(v));
    LOS_VFree(v);

    int status = hr_process_run((UINT32)demo_user, 0);
    hr_printf("demo: user process exited with %d\n", status);
    hr_printf("demo: expected: the next process reads kernel memory at 0x40000000 from user mode; "
              "LiteOS-A refuses it and kills the process\n");
    hr_expect_fault(0x40000000);
    status = hr_process_run((UINT32)demo_user_bad, 0);
    hr_printf("demo: second user process ended with status %#x (0x100 | SIGUSR2)\n", status);
    hr_printf("demo: TLB flushes requested by the host: %u\n", g_hrTlbFlushes);
    hr_printf("demo: done\n");
    return 0;
}
