/*
 * Hypercalls (firmware/ABI.md, "Hypercalls"; mailbox layout in include/hr_hypercall.h). The host writes one branch
 * at the entry of each hooked function into a slot of hr_hypercall_table (or the Thumb table for a Thumb entry);
 * the slot loads the function's id into ip (AAPCS: the intra-procedure scratch register, free at a call) and
 * enters hr_hypercall with the caller's r0-r3, sp and lr untouched. Interrupts are always masked in this firmware
 * and the stub takes no fault, so one mailbox is enough: a hypercall never nests.
 */
#include "hr_hypercall.h"

    .syntax unified
    .arm
    .text

    .global hr_hypercall
    .type hr_hypercall, %function
hr_hypercall:
    push {r4, r5, r6, lr}
    ldr r4, =g_hrMailbox
    add r5, r4, #HR_MB_ARGS
    add r6, sp, #16                   /* the caller's sp: where stack arguments start */
    stmia r5, {r0-r3, r6}             /* args[0..3], sp */
    ldr r0, [sp, #12]                 /* the caller's return address */
    mov r1, r11
    mrs r2, cpsr
    add r5, r4, #HR_MB_LR
    stmia r5, {r0-r2}                 /* lr, fp, cpsr */
    str ip, [r4, #HR_MB_ID]
    dmb ish                           /* the request before the state that publishes it */
    mov r0, #HR_MB_STATE_POSTED
    str r0, [r4, #HR_MB_STATE]
    dsb                               /* a full barrier: the post before the host-sleeping flag is read */
    ldr r0, =g_hrConfig
    ldr r0, [r0, #0x2C]               /* doorbellVa */
    cmp r0, #0
    beq 2f
    str r0, [r0]                      /* MMIO doorbell: the host serves the request inside this store (Renode) */
1:  ldr r0, [r4, #HR_MB_STATE]
    cmp r0, #HR_MB_STATE_DONE
    bne 1b
    b   4f
    /*
     * QEMU: the host polls. The guest spins on a plain load while a call is served (microseconds): QEMU runs WFE as
     * a yield through its main loop, which takes its global lock and made a call ~100 times slower when tried. The
     * side that waits long is the host (while the guest computes), so the host is the one that blocks.
     */
2:  ldr r0, [r4, #HR_MB_HOST_SLEEPING]
    cmp r0, #0
    blne hr_doorbell_semihosting      /* the host blocked after its spin: wake it */
3:  ldr r0, [r4, #HR_MB_STATE]
    cmp r0, #HR_MB_STATE_DONE
    bne 3b
4:  dmb ish                           /* the host's words after the state that published them */
    ldr r0, [r4, #HR_MB_ACTIONS]
    cmp r0, #0
    movne r0, r4
    blne hr_hypercall_actions
    ldr r0, [r4, #HR_MB_RESULT]
    mov r1, #0
    str r1, [r4, #HR_MB_STATE]
    pop {r4, r5, r6, pc}              /* interworking return: a Thumb caller's lr has bit 0 set */
    .size hr_hypercall, . - hr_hypercall

    /*
     * QEMU's doorbell: one byte to the semihosting console, which the engine connects to a socket it blocks on.
     * Semihosting traps in QEMU before any mode change, so lr and spsr of SVC mode survive (also when called from
     * ABT mode). Only the QEMU engine leaves doorbellVa zero and sets hostSleeping.
     */
    .type hr_doorbell_semihosting, %function
hr_doorbell_semihosting:
    ldr r0, [r4, #HR_MB_DOORBELLS]
    add r0, r0, #1
    str r0, [r4, #HR_MB_DOORBELLS]
    mov r0, #0x03                     /* SYS_WRITEC */
    ldr r1, =hr_doorbell_byte
    svc 0x123456
    bx  lr
    .size hr_doorbell_semihosting, . - hr_doorbell_semihosting

    /* One slot per hypercall id: `mov ip, #id; b hr_hypercall`, 8 bytes each. */
    .align 3
    .global hr_hypercall_table
    .type hr_hypercall_table, %function
hr_hypercall_table:
    .set hr_slot, 0
    .rept HR_HYPERCALL_SLOTS
    mov ip, #hr_slot
    b   hr_hypercall
    .set hr_slot, hr_slot + 1
    .endr
    .size hr_hypercall_table, . - hr_hypercall_table

    /* The same for Thumb entries: `mov.w ip, #id; b.w` to an ARM switch, 8 bytes each. */
    .thumb
    .align 3
    .global hr_hypercall_table_thumb
    .type hr_hypercall_table_thumb, %function
    .thumb_func
hr_hypercall_table_thumb:
    .set hr_slot, 0
    .rept HR_HYPERCALL_SLOTS
    mov.w ip, #hr_slot
    b.w hr_hypercall_from_thumb
    .set hr_slot, hr_slot + 1
    .endr
    .align 2
hr_hypercall_from_thumb:
    bx  pc                            /* to ARM state at the next word */
    nop
    .arm
    b   hr_hypercall
    .size hr_hypercall_table_thumb, . - hr_hypercall_table_thumb

    .section .rodata
hr_doorbell_byte:
    .byte 0x21
