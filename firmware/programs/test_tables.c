/*
 * The guest runs on the model's tables: a vmalloc page is the same memory as its PA seen through the kernel window;
 * a page the model unmaps faults (user process killed), a MAP_FIXED replacement is seen as a fresh zero page.
 */
#include "hr_test.h"

void user_read_unmapped(UINT32 arg);
void user_remap_fixed(UINT32 arg);

int hr_main(void)
{
    volatile UINT32 *v = LOS_VMalloc(PAGE_SIZE);
    CHECK(v != NULL, "LOS_VMalloc(4096)");
    v[5] = 0x7AB1E5U;
    PADDR_T pa = LOS_PaddrQuery((VOID *)v);
    CHECK(pa != 0 && *(volatile UINT32 *)(pa + 20) == 0x7AB1E5U, "vmalloc VA %p and its PA %#x disagree", v, pa);
    hr_printf("tables: vmalloc %p is PA %#x, same data through both\n", v, pa);
    LOS_VFree((VOID *)v);

    int s1 = hr_process_run((UINT32)user_read_unmapped, 0);
    CHECK(s1 == HR_KILLED_BY(SIGUSR2), "read after munmap: status %#x", s1);
    hr_printf("tables: read of an unmapped page ended the process with status %#x\n", s1);
    int s2 = hr_process_run((UINT32)user_remap_fixed, 0);
    CHECK(s2 == 0, "MAP_FIXED replacement: status %#x", s2);
    return hr_test_end("test_tables");
}
