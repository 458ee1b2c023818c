/*
 * The guest half of the hypercall mailbox (include/hr_hypercall.h): the mailbox itself and the operations the
 * host asks the guest to do before the hooked call returns.
 */
#include "hr_hypercall.h"
#include "hr_runtime.h"

/* In .data with the other host-written words: start-up must not clear it, the host sets hostSleeping at any time. */
__attribute__((section(".data.hr_host"), aligned(64))) HrMailbox g_hrMailbox = { 0 };

void hr_hypercall_actions(HrMailbox *mailbox)
{
    UINT32 actions = mailbox->actions;
    if (actions & HR_MB_ACT_OPS) {
        /*
         * Page contents the host wants moved (a copy-on-write copy): done by the guest so that an emulator that
         * translates guest code (QEMU) sees the stores and drops translations of the destination page.
         */
        for (UINT32 i = 0; i < mailbox->opCount && i < HR_MAILBOX_OPS; i++) {
            HrMailboxOp *op = &mailbox->ops[i];
            if (op->kind == HR_MB_OP_COPY) {
                memcpy((void *)op->dst, (const void *)op->src, op->len);
            } else if (op->kind == HR_MB_OP_ZERO) {
                memset((void *)op->dst, 0, op->len);
            }
        }
        __asm__ volatile("dsb\n mcr p15, 0, %0, c7, c5, 0" ::"r"(0U) : "memory"); /* ICIALLU: the copy may be code */
    }
    __asm__ volatile("dsb" ::: "memory"); /* the host's table writes before the invalidations (ARM ARM B3.10.1) */
    if (actions & HR_MB_ACT_TLB_ALL) {
        __asm__ volatile("mcr p15, 0, %0, c8, c7, 0" ::"r"(0U) : "memory"); /* TLBIALL */
    } else if (actions & HR_MB_ACT_TLB_LIST) {
        for (UINT32 i = 0; i < mailbox->tlbCount && i < HR_MAILBOX_TLB_ENTRIES; i++) {
            __asm__ volatile("mcr p15, 0, %0, c8, c7, 1" ::"r"(mailbox->tlb[i]) : "memory"); /* TLBIMVA */
        }
    }
    __asm__ volatile("mcr p15, 0, %0, c7, c5, 6\n dsb\n isb" ::"r"(0U) : "memory"); /* BPIALL */
}
