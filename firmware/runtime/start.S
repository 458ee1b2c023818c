/*
 * Vector table and reset: mode stacks, VBAR, console, .bss, then the MMU from the host's configuration
 * block (g_hrConfig). Runs at VA == PA 0x40000000 (the LiteOS-A kernel window on arm_virt maps the kernel
 * image 1:1, docs/memory-manager.md §0), so switching the MMU on needs no trampoline.
 */
#include "hr_asm.h"

    .syntax unified
    .arm

    .section .vectors, "ax"
    .align 5
    .global hr_vectors
hr_vectors:
    b   reset_vector
    b   hr_undef_entry
    b   hr_svc_entry
    b   hr_prefetch_abort_entry
    b   hr_data_abort_entry
    b   hr_unexpected_entry
    b   hr_unexpected_entry            /* IRQ: the firmware never unmasks interrupts */
    b   hr_unexpected_entry            /* FIQ */

    .section .text.start, "ax"
    .global reset_vector
reset_vector:
    cpsid aif
    /* One stack per mode the firmware can be in; SYS shares USR's sp, set per user process. */
    cps #MODE_ABT
    ldr sp, =__abt_stack_top
    cps #MODE_UND
    ldr sp, =__und_stack_top
    cps #MODE_IRQ
    ldr sp, =__irq_stack_top
    cps #MODE_FIQ
    ldr sp, =__irq_stack_top
    cps #MODE_SYS
    ldr sp, =__sys_stack_top
    cps #MODE_SVC
    ldr sp, =__svc_stack_top

    ldr r0, =hr_vectors
    mcr p15, 0, r0, c12, c0, 0        /* VBAR */

    /* Renode's PL011 transmits only with UARTEN|TXE|RXE set and wants 8-bit words (LCR_H.WLEN = 3, FIFOs on);
     * QEMU does not care. */
    ldr r0, =PL011_PHYS
    ldr r1, =0x70
    str r1, [r0, #0x2C]
    ldr r1, =0x301
    str r1, [r0, #0x30]

    ldr r0, =__bss_start
    ldr r1, =__bss_clear_end
    mov r2, #0
1:  cmp r0, r1
    strlo r2, [r0], #4
    blo 1b

    ldr r4, =g_hrConfig
    ldr r0, [r4, #0x00]
    ldr r1, =HR_CONFIG_MAGIC
    cmp r0, r1
    bne hr_no_host

    /* Order of LiteOS-A's reset_vector/OsArchMmuInitPerCPU: domains, TTBCR, tables, ASID, then SCTLR. */
    ldr r0, [r4, #0x14]
    mcr p15, 0, r0, c3, c0, 0         /* DACR */
    ldr r0, [r4, #0x10]
    mcr p15, 0, r0, c2, c0, 2         /* TTBCR */
    ldr r0, [r4, #0x08]
    mcr p15, 0, r0, c2, c0, 0         /* TTBR0 */
    ldr r0, [r4, #0x0C]
    mcr p15, 0, r0, c2, c0, 1         /* TTBR1 */
    ldr r0, [r4, #0x18]
    mcr p15, 0, r0, c13, c0, 1        /* CONTEXTIDR */
    isb
    mov r0, #0
    mcr p15, 0, r0, c8, c7, 0         /* TLBIALL */
    mcr p15, 0, r0, c7, c5, 0         /* ICIALLU */
    mcr p15, 0, r0, c7, c5, 6         /* BPIALL */
    dsb
    isb
    mrc p15, 0, r0, c1, c0, 0         /* SCTLR */
    ldr r1, [r4, #0x20]
    bic r0, r0, r1
    bic r0, r0, #(1 << 13)            /* V: vectors at VBAR, not 0xFFFF0000 */
    ldr r1, [r4, #0x1C]
    orr r0, r0, r1
    mcr p15, 0, r0, c1, c0, 0
    isb

    ldr r0, [r4, #0x24]
    ldr r1, =g_hrUartBase
    str r0, [r1]

    bl  hr_cycle_counter_start
    bl  hr_main
    b   hr_exit

hr_no_host:
    ldr r0, =hr_no_host_message
    bl  hr_puts
    mov r0, #3                        /* HR_EXIT_NO_HOST */
    b   hr_exit

    .section .rodata
hr_no_host_message:
    .asciz "harmony-renode firmware: g_hrConfig not filled by a host (run it with scripts/harmony-renode)\n"
