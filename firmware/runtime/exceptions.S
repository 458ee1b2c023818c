/*
 * Exception entries and the stubs the host resumes through (firmware/ABI.md, "Stubs").
 * The host regains control only at symbol addresses (hr_data_abort_host, hr_prefetch_abort_host and the
 * LOS_* functions), never by reading SPSR or banked registers, so QEMU's GDB stub and Renode's AddHook
 * can drive the same code.
 *
 * Abort frame on the abort stack, lowest address first (16 words, 8-byte aligned for AAPCS):
 *   r0..r12, lr_abt (unused), return PC (the faulting instruction), SPSR
 */
#include "hr_asm.h"

    .syntax unified
    .arm
    .text

    .global hr_data_abort_entry
hr_data_abort_entry:
    sub lr, lr, #8                    /* the faulting instruction (ARM ARM B1.9.8): retried on resume */
    srsdb sp!, #MODE_ABT
    push {r0-r12, lr}
    mrc p15, 0, r0, c5, c0, 0         /* DFSR */
    mrc p15, 0, r1, c6, c0, 0         /* DFAR */
    ldr r2, [sp, #56]                 /* faulting PC */
    ldr r3, [sp, #60]                 /* SPSR: the interrupted mode */
    bl  hr_data_abort_host            /* host hook: services the fault, returns a status */
    cmp r0, #0
    bne 1f
    .global hr_abort_resume
hr_abort_resume:
    pop {r0-r12, lr}
    rfeia sp!                         /* PC and CPSR from the frame: SPSR never leaves the guest */
1:  mov r1, sp
    mov r2, #0
    b   hr_abort_fatal                /* kills the user process (SIGUSR2) or panics; never returns */

    .global hr_prefetch_abort_entry
hr_prefetch_abort_entry:
    sub lr, lr, #4
    srsdb sp!, #MODE_ABT
    push {r0-r12, lr}
    mrc p15, 0, r0, c5, c0, 1         /* IFSR */
    mrc p15, 0, r1, c6, c0, 2         /* IFAR */
    ldr r2, [sp, #56]
    ldr r3, [sp, #60]
    bl  hr_prefetch_abort_host
    cmp r0, #0
    beq hr_abort_resume
    mov r1, sp
    mov r2, #1
    b   hr_abort_fatal

    /*
     * Where the host returns from a hooked call (instead of LR) when the model changed or removed a valid
     * translation: QEMU and real CPUs keep using the old TLB entry until the guest invalidates it
     * (docs/memory-manager.md §4.8). Keeps r0-r3 (the result) and returns to LR.
     */
    .global hr_tlb_flush_return
hr_tlb_flush_return:
    push {r0, r1}
    mov r0, #0
    mcr p15, 0, r0, c8, c7, 0         /* TLBIALL */
    mcr p15, 0, r0, c7, c5, 6         /* BPIALL */
    dsb
    isb
    ldr r0, =g_hrTlbFlushes
    ldr r1, [r0]
    add r1, r1, #1
    str r1, [r0]
    pop {r0, r1}
    bx  lr

    /* Syscalls from USR mode: number in r7, arguments r0-r5, result in r0 (Linux/musl ARM EABI). */
    .global hr_svc_entry
hr_svc_entry:
    srsdb sp!, #MODE_SVC
    push {r0-r12, lr}
    mov r0, sp
    bl  OsArmA32SyscallHandle
    pop {r0-r12, lr}
    rfeia sp!

    .global hr_undef_entry
hr_undef_entry:
    sub lr, lr, #4
    srsdb sp!, #MODE_UND
    push {r0-r12, lr}
    mov r0, sp
    b   hr_undef_fatal

    .global hr_unexpected_entry
hr_unexpected_entry:
    mov r0, lr
    b   hr_unexpected_fatal

    /* int hr_user_enter(entry, sp, arg): runs USR code until hr_user_return. One process at a time. */
    .global hr_user_enter
hr_user_enter:
    push {r3-r11, lr}
    ldr r12, =g_hrUserLauncherSp
    str sp, [r12]
    cps #MODE_SYS                     /* SYS banks USR's sp and lr */
    mov sp, r1
    mov lr, #0
    cps #MODE_SVC
    mov lr, r0
    mov r0, r2
    mov r1, #0
    mov r2, #0
    mov r3, #0
    mov r4, #0
    mov r5, #0
    mov r6, #0
    mov r7, #0
    mov r8, #0
    mov r9, #0
    mov r10, #0
    mov r11, #0
    mov r12, #(MODE_USR | PSR_I | PSR_F)
    msr spsr_cxsf, r12
    mov r12, #0
    movs pc, lr

    /* void hr_user_return(status): back to hr_user_enter's caller from SVC, ABT or UND mode. */
    .global hr_user_return
hr_user_return:
    mrs r1, cpsr
    and r1, r1, #MODE_MASK
    cmp r1, #MODE_ABT
    ldreq sp, =__abt_stack_top        /* drop the abort frame of the killed process */
    cmp r1, #MODE_UND
    ldreq sp, =__und_stack_top
    cps #MODE_SVC
    ldr r12, =g_hrUserLauncherSp
    ldr sp, [r12]
    pop {r3-r11, pc}

    /*
     * hr_exit(status): first hr_exit_host(status), where the host takes its exit checks with guest RAM still there
     * and answers whether to halt here (Renode pauses the machine); then semihosting SYS_EXIT_EXTENDED: QEMU exits
     * with `status` as its own exit code.
     */
    .global hr_exit
hr_exit:
    cpsid aif
    mov r4, r0
    bl  hr_exit_host
    cmp r0, #0
    bne 1f
    mov r0, r4
    sub sp, sp, #8
    ldr r1, =0x20026                  /* ADP_Stopped_ApplicationExit */
    str r1, [sp]
    str r0, [sp, #4]
    mov r1, sp
    mov r0, #0x20
    svc 0x123456
1:  wfi                               /* an engine without semihosting stops on the hr_exit hook */
    b   1b

    .global hr_cycle_counter_start
hr_cycle_counter_start:
    mov r0, #5                        /* PMCR: E | C (enable, reset cycle counter) */
    mcr p15, 0, r0, c9, c12, 0
    mov r0, #0x80000000
    mcr p15, 0, r0, c9, c12, 1        /* PMCNTENSET: cycle counter */
    isb
    bx  lr

    .global hr_cycle_counter
hr_cycle_counter:
    mrc p15, 0, r0, c9, c13, 0        /* PMCCNTR */
    bx  lr

    .bss
    .align 2
    .global g_hrUserLauncherSp
g_hrUserLauncherSp:
    .word 0
    .global g_hrTlbFlushes
g_hrTlbFlushes:
    .word 0
