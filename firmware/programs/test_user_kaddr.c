/*
 * User mode touching the kernel: a read of a kernel-window address and a jump into kernel code. The kernel window
 * is mapped privileged-only, so QEMU's MMU raises permission faults; the host reports them (user access to a
 * kernel address) and the process ends with SIGUSR2 while the system continues. A kernel pointer passed to a
 * syscall gets -EFAULT instead.
 */
#include "hr_test.h"

void user_read_kernel(UINT32 arg);
void user_exec_kernel(UINT32 arg);
void user_bad_syscall_pointer(UINT32 arg);
void user_still_alive(UINT32 arg);

int hr_main(void)
{
    int s1 = hr_process_run((UINT32)user_read_kernel, KERNEL_ASPACE_BASE);
    CHECK(s1 == HR_KILLED_BY(SIGUSR2), "read of a kernel address: status %#x", s1);
    hr_printf("kaddr: user read of %#x ended the process with status %#x\n", KERNEL_ASPACE_BASE, s1);
    int s2 = hr_process_run((UINT32)user_exec_kernel, (UINT32)hr_main);
    CHECK(s2 == HR_KILLED_BY(SIGUSR2), "jump into kernel code: status %#x", s2);
    hr_printf("kaddr: user jump to kernel code ended the process with status %#x\n", s2);
    int s3 = hr_process_run((UINT32)user_bad_syscall_pointer, (UINT32)"kernel string");
    CHECK(s3 == 0, "syscall with a kernel pointer: status %#x", s3);
    int s4 = hr_process_run((UINT32)user_still_alive, 0);
    CHECK(s4 == 7, "next process: status %#x", s4);
    hr_printf("kaddr: the system continued, next process exited with %d\n", s4);
    return hr_test_end("test_user_kaddr");
}
