/*
 * The hypercall mailbox (firmware/ABI.md, "Hypercalls"): how a hooked function reaches the host without a debugger
 * stop. The host rewrites the entry of every hooked symbol with one branch into hr_hypercall_table (ARM) or
 * hr_hypercall_table_thumb (Thumb); the slot puts the function's id in ip and enters hr_hypercall, which posts the
 * AAPCS arguments here, wakes the host (an MMIO doorbell on Renode, a semihosting byte on QEMU when the host sleeps),
 * waits for the result and performs what the host asks of the guest: copies of page contents (so no host write ever
 * becomes code a translated block already covers) and TLB invalidations by MVA. Offsets are part of the ABI and
 * mirrored by plugin/HarmonyRenode.Core/Guest/Hypercalls/MailboxLayout.cs.
 */
#ifndef HR_HYPERCALL_H
#define HR_HYPERCALL_H

#define HR_HYPERCALL_SLOTS 128
#define HR_MAILBOX_TLB_ENTRIES 32
#define HR_MAILBOX_OPS 4

#define HR_MB_STATE 0x00      /* 0 idle, 1 posted by the guest, 2 done by the host */
#define HR_MB_ID 0x04         /* slot number = index in the host's hypercall table */
#define HR_MB_ARGS 0x08       /* r0..r3 */
#define HR_MB_SP 0x18         /* the caller's sp: arguments 4.. are on the stack there */
#define HR_MB_LR 0x1C         /* the caller's return address (call sites) */
#define HR_MB_FP 0x20         /* r11: frame records, where the firmware keeps them */
#define HR_MB_CPSR 0x24
#define HR_MB_RESULT 0x28
#define HR_MB_ACTIONS 0x2C    /* HR_MB_ACT_* */
#define HR_MB_TLB_COUNT 0x30
#define HR_MB_OP_COUNT 0x34
#define HR_MB_HOST_SLEEPING 0x38 /* the host blocked: ring the doorbell after posting */
#define HR_MB_DOORBELLS 0x3C  /* doorbells the guest rang (diagnostics) */
#define HR_MB_TLB 0x40        /* HR_MAILBOX_TLB_ENTRIES words, TLBIMVA operands (VA page | ASID) */
#define HR_MB_OPS 0xC0        /* HR_MAILBOX_OPS x {kind, dst, src, len}, kernel VAs */
#define HR_MB_SIZE 0x100

#define HR_MB_STATE_POSTED 1
#define HR_MB_STATE_DONE 2

#define HR_MB_ACT_TLB_ALL 0x1  /* TLBIALL (an ASID flush, or more pages than the list holds) */
#define HR_MB_ACT_TLB_LIST 0x2 /* TLBIMVA for each listed entry */
#define HR_MB_ACT_OPS 0x4      /* run the listed page operations first */

#define HR_MB_OP_COPY 1
#define HR_MB_OP_ZERO 2

#ifndef __ASSEMBLER__
#include "los_typedef.h"

typedef struct {
    UINT32 kind;
    UINT32 dst;
    UINT32 src;
    UINT32 len;
} HrMailboxOp;

typedef struct {
    volatile UINT32 state;
    UINT32 id;
    UINT32 args[4];
    UINT32 sp;
    UINT32 lr;
    UINT32 fp;
    UINT32 cpsr;
    UINT32 result;
    UINT32 actions;
    UINT32 tlbCount;
    UINT32 opCount;
    volatile UINT32 hostSleeping;
    UINT32 doorbells;
    UINT32 tlb[HR_MAILBOX_TLB_ENTRIES];
    HrMailboxOp ops[HR_MAILBOX_OPS];
} HrMailbox;

_Static_assert(sizeof(HrMailbox) == HR_MB_SIZE, "mailbox layout is part of the ABI");

extern HrMailbox g_hrMailbox;

/* Runs the page operations and TLB invalidations the host listed (hypercall.S calls it after a done request). */
void hr_hypercall_actions(HrMailbox *mailbox);
#endif

#endif
