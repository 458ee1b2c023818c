/*
 * What LiteOS-A does with faults the page-fault handler refuses (docs/memory-manager.md §5.6): a user-mode fault ends the
 * process with SIGUSR2 and the system continues; a kernel-mode one halts (here: exits non-zero, because a
 * test run must end).
 */
#include "hr_runtime.h"
#include "hr_frame.h"

#define MODE_USR 0x10

static const char *DecodeFs(UINT32 fsr)
{
    UINT32 fs = ((fsr >> 6) & 0x10) | (fsr & 0xF);
    switch (fs) {
        case 0x05: return "Translation fault, section";
        case 0x07: return "Translation fault, page";
        case 0x09: return "Domain fault, section";
        case 0x0B: return "Domain fault, page";
        case 0x0D: return "Permission fault, section";
        case 0x0F: return "Permission fault, page";
        case 0x01: return "Alignment fault.";
        default: return "Unknown fault!";
    }
}

void hr_abort_fatal(INT32 status, HrExcFrame *frame, UINT32 prefetch)
{
    UINT32 fsr;
    UINT32 far;
    if (prefetch) {
        __asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(fsr));
        __asm__ volatile("mrc p15, 0, %0, c6, c0, 2" : "=r"(far));
        hr_printf("prefetch_abort fault fsr:%#x, far:%#08x\n", fsr, far);
    } else {
        __asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(fsr));
        /* DFAR is c6, c0, 0 (ARM ARM B4.1.52); c6, c0, 2 is IFAR. */
        __asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(far));
        hr_printf("data_abort fsr:%#x, far:%#08x\n", fsr, far);
        hr_printf("Abort caused by a %s instruction. %s\n", (fsr & (1U << 11)) ? "write" : "read", DecodeFs(fsr));
    }
    if ((frame->spsr & 0x1F) == MODE_USR) {
        hr_printf("user process killed: SIGUSR2 (pc %#08x, fault status %d)\n", frame->pc, status);
        hr_user_return(HR_KILLED_BY(SIGUSR2));
    }
    hr_printf("kernel panic: unhandled %s abort at pc %#08x (status %d)\n", prefetch ? "prefetch" : "data",
              frame->pc, status);
    hr_exit(HR_EXIT_KERNEL_PANIC);
}

void hr_undef_fatal(HrExcFrame *frame)
{
    if ((frame->spsr & 0x1F) == MODE_USR) {
        hr_printf("user process killed: SIGILL (pc %#08x)\n", frame->pc);
        hr_user_return(HR_KILLED_BY(4));
    }
    hr_printf("kernel panic: undefined instruction at pc %#08x\n", frame->pc);
    hr_exit(HR_EXIT_KERNEL_PANIC);
}

void hr_unexpected_fatal(UINT32 lr)
{
    hr_printf("kernel panic: unexpected exception (lr %#08x)\n", lr);
    hr_exit(HR_EXIT_KERNEL_PANIC);
}
