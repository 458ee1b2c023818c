/*
 * A process laid out as LiteOS-A's loader lays it out (stack region at the top of user space, image segments at
 * 0x02000000, heap at USER_HEAP_BASE, mmap from USER_MAP_BASE), then mremap through musl-shaped wrappers: shrink,
 * same size, grow in place, grow by moving, a fixed target, and the bad arguments with their errno
 * (the kernel's testsuites/unittest/basic/mem/vm/smoke/mremap_test_001 plus the cases it leaves out).
 */
#include "hr_test.h"

void user_mremap_main(UINT32 arg);

int hr_main(void)
{
    int status = hr_process_run((UINT32)user_mremap_main, 0);
    hr_printf("mremap: user stack pointer was %#x\n", hr_user_stack_top());
    CHECK(hr_user_stack_top() == 0x3EFFFF40U, "stack pointer %#x", hr_user_stack_top());
    CHECK(status == 0, "user process exit status %#x", status);
    hr_printf("mremap: user process exit status %d\n", status);
    return hr_test_end("test_user_mremap");
}
