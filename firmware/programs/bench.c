/*
 * Benchmark firmware: hooked LOS_KernelMalloc/LOS_KernelFree pairs, host-serviced demand faults, and the guest
 * instructions per hooked call (PMCCNTR counts instructions when QEMU runs with -icount shift=0) set against a
 * small in-guest allocator. The host times both phases from its side (calls/s, faults/s).
 */
#include "hr_runtime.h"
#include "los_memory.h"

#define CALLS 2000
#define FAULT_PAGES 1024

/* In-guest comparison: a LIFO free list per 16-byte size class over a static arena. */
static UINT8 g_arena[64 * 1024] __attribute__((aligned(8)));
static UINT32 g_arenaTop;
static void *g_classes[16];

static void *GuestAlloc(UINT32 size)
{
    UINT32 c = (size + 15) >> 4;
    if (g_classes[c] != NULL) {
        void *p = g_classes[c];
        g_classes[c] = *(void **)p;
        return p;
    }
    void *p = &g_arena[g_arenaTop];
    g_arenaTop += c << 4;
    return p;
}

static void GuestFree(void *p, UINT32 size)
{
    UINT32 c = (size + 15) >> 4;
    *(void **)p = g_classes[c];
    g_classes[c] = p;
}

int hr_main(void)
{
    hr_printf("bench: start\n");
    UINT32 t0 = hr_cycle_counter();
    for (UINT32 i = 0; i < CALLS; i++) {
        void *p = LOS_KernelMalloc(32 + (i & 63));
        LOS_KernelFree(p);
    }
    UINT32 t1 = hr_cycle_counter();
    for (UINT32 i = 0; i < CALLS; i++) {
        void *p = GuestAlloc(32 + (i & 63));
        GuestFree(p, 32 + (i & 63));
    }
    UINT32 t2 = hr_cycle_counter();
    hr_printf("bench: hooked calls %u, guest instructions per hooked call %u\n", 2 * CALLS, (t1 - t0) / (2 * CALLS));
    hr_printf("bench: in-guest size-class allocator instructions per call %u\n", (t2 - t1) / (2 * CALLS));

    hr_printf("bench: faults start\n");
    LosVmSpace *space = OsCreateUserVmSpace();
    OsSwitchVmSpace(space);
    VADDR_T va = LOS_MMap(0, FAULT_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    /*
     * No guest-side count here: under QEMU -icount PMCCNTR restarts near 0 across host-serviced aborts (seen with
     * QEMU 7.2), so t4 - t3 would be meaningless. The host times this phase (faults/s).
     */
    for (UINT32 i = 0; i < FAULT_PAGES; i++) {
        *(volatile UINT32 *)(va + i * PAGE_SIZE) = i;
    }
    hr_printf("bench: demand faults %u\n", FAULT_PAGES);
    OsSwitchVmSpace(NULL);
    LOS_VmSpaceFree(space);
    hr_printf("bench: done\n");
    return 0;
}
