/*
 * Computes for two seconds of the generic timer without calling the host between two hooked calls: the host's
 * waiting thread must block after its bounded spin instead of burning a core (firmware/ABI.md, "Hypercalls").
 */
#include "hr_runtime.h"
#include "los_memory.h"
#include "los_vm_map.h"

static UINT64 Counter(void)
{
    UINT32 low;
    UINT32 high;
    __asm__ volatile("isb\n mrrc p15, 1, %0, %1, c14" : "=r"(low), "=r"(high)); /* CNTVCT */
    return ((UINT64)high << 32) | low;
}

int hr_main(void)
{
    UINT32 frequency;
    __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(frequency)); /* CNTFRQ */
    if (frequency == 0) {
        frequency = 62500000; /* QEMU virt's generic timer; Renode may leave CNTFRQ to the firmware */
    }
    VOID *p = LOS_KernelMalloc(32);
    hr_printf("idle: computing for 2 s without the host\n");
    UINT64 end = Counter() + 2ULL * frequency;
    UINT32 rounds = 0;
    /* Bounded: an emulator whose virtual time stands still while the CPU runs must not hang the program. */
    do {
        rounds++;
    } while (Counter() < end && rounds < 0x40000000U);
    LOS_KernelFree(p);
    hr_printf("idle: done (%s)\n", rounds > 0 ? "counted" : "no time passed");
    return 0;
}
