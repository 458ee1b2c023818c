/* The guest runtime: console, exit, host calls and user processes (firmware/ABI.md). */
#ifndef HR_RUNTIME_H
#define HR_RUNTIME_H

#include "los_typedef.h"
#include "los_vm_map.h"

/* Exit codes the runtime itself uses; programs return their own from hr_main. */
#define HR_EXIT_NO_HOST 3        /* configuration block not filled */
#define HR_EXIT_UNHOOKED 4       /* a LOS_* or hr_*_host body ran: the host did not replace it */
#define HR_EXIT_KERNEL_PANIC 5   /* unhandled kernel-mode abort, undefined instruction */

#define SIGUSR2 12

int hr_main(void);

void hr_putc(char c);
void hr_puts(const char *s);
/* The console's receive side: one character (waits for it); one line without its end, NUL-terminated, cut to size. */
char hr_getc(void);
UINT32 hr_getline(char *buf, UINT32 size);
int hr_printf(const char *fmt, ...);
void hr_exit(int status) __attribute__((noreturn));
void hr_trap_unhooked(const char *name) __attribute__((noreturn));

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* Values the host returns so the guest can switch TTBR0 (the host cannot write CP15 over GDB). */
typedef struct {
    UINT32 ttbr0;
    UINT32 ttbcr;
    UINT32 contextidr;
} HrMmuContext;

/*
 * Host calls (hooked symbols, AAPCS). The guest bodies trap like the LOS_* ones.
 * hr_vm_space_activate: makes `space` the current process space in the model (NULL: none) and fills `ctx`.
 * hr_data_abort_host / hr_prefetch_abort_host: services an abort; 0 = resume the faulting instruction,
 *   otherwise the LiteOS-A status of OsVmPageFaultHandler (the guest kills the user process or panics).
 */
UINT32 hr_vm_space_activate(LosVmSpace *space, HrMmuContext *ctx);
INT32 hr_data_abort_host(UINT32 dfsr, UINT32 dfar, UINT32 pc, UINT32 spsr);
INT32 hr_prefetch_abort_host(UINT32 ifsr, UINT32 ifar, UINT32 pc, UINT32 spsr);
/* hr_exit's first step: the host's exit checks; non-zero: halt in hr_exit instead of the semihosting exit. */
UINT32 hr_exit_host(INT32 status);

/* LOS_ArchMmuContextSwitch's register sequence with values from hr_vm_space_activate. */
void OsSwitchVmSpace(LosVmSpace *space);

/*
 * Runs user code in USR mode on the current TTBR0 space until it exits (syscall exit) or is killed
 * (unhandled user abort: SIGUSR2). Returns the exit status, or 0x100 | signal when killed.
 */
int hr_user_enter(UINT32 entry, UINT32 sp, UINT32 arg);
void hr_user_return(int status) __attribute__((noreturn));
#define HR_KILLED_BY(sig) (0x100 | (sig))

/*
 * Exec of the linked user image (firmware/ABI.md, "User processes") into the current space, laid out as
 * LiteOS-A's loader lays it out, then `entry` in USR mode on the loader's stack pointer.
 */
int hr_user_run(UINT32 entry, UINT32 arg);
/* The two halves of hr_user_run: exec the image (stack region, segments, parameters), then enter. */
int hr_user_load(void);
int hr_user_load_entry(UINT32 entry); /* the same, with AT_ENTRY = entry */
int hr_user_start(UINT32 entry, UINT32 arg);
/* The stack pointer the last hr_user_load computed (OsPutParamToStack's stackTop). */
UINT32 hr_user_stack_top(void);

/* A whole process: OsCreateUserVmSpace, switch, hr_user_run, switch back, LOS_VmSpaceFree. */
int hr_process_run(UINT32 entry, UINT32 arg);

/* Instruction/cycle counter (PMCCNTR); with QEMU -icount it counts guest instructions. */
void hr_cycle_counter_start(void);
UINT32 hr_cycle_counter(void);

extern UINT32 g_hrTlbFlushes;

/*
 * Announces a fault the program causes on purpose: the next abort at `far` the host cannot resolve is logged at
 * info level as expected instead of as an error (firmware/ABI.md). One abort per call; 0 withdraws it.
 */
void hr_expect_fault(UINT32 far);
extern volatile UINT32 g_hrExpectedFault;

#endif
