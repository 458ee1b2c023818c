/*
 * A user process (USR mode, its own TTBR0 space): anonymous mmap demand-paged by faults, brk growth, munmap.
 * Run twice so space creation and LOS_VmSpaceFree are exercised back to back.
 */
#include "hr_test.h"

void user_mmap_main(UINT32 arg);

int hr_main(void)
{
    for (UINT32 round = 1; round <= 2; round++) {
        int status = hr_process_run((UINT32)user_mmap_main, round);
        CHECK(status == 0, "round %u: user process exit status %#x", round, status);
        hr_printf("user mmap: round %u exit status %d\n", round, status);
    }
    return hr_test_end("test_user_mmap");
}
