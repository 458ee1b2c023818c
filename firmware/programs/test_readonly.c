/*
 * Writes to read-only memory from user mode: a PROT_READ mapping, and a page made read-only by mprotect. Both are
 * permission faults the host refuses (region without PERM_WRITE → ACCESS_DENIED), so the process ends with SIGUSR2.
 */
#include "hr_test.h"

void user_write_readonly(UINT32 arg);
void user_write_after_mprotect(UINT32 arg);

int hr_main(void)
{
    int s1 = hr_process_run((UINT32)user_write_readonly, 0);
    CHECK(s1 == HR_KILLED_BY(SIGUSR2), "PROT_READ write: status %#x", s1);
    hr_printf("readonly: PROT_READ write ended the process with status %#x\n", s1);
    int s2 = hr_process_run((UINT32)user_write_after_mprotect, 0);
    CHECK(s2 == HR_KILLED_BY(SIGUSR2), "mprotect write: status %#x", s2);
    hr_printf("readonly: write after mprotect(PROT_READ) ended the process with status %#x\n", s2);
    return hr_test_end("test_readonly");
}
