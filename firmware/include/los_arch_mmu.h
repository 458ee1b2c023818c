/*
 * LiteOS-A's per-space MMU state (arch/arm/arm/include/los_arch_mmu.h), without LOSCFG_PAGE_TABLE_FINE_LOCK and
 * without LOSCFG_KERNEL_SMP (the spin lock is one word). The host writes it inside every LosVmSpace.
 */
#ifndef LOS_ARCH_MMU_H
#define LOS_ARCH_MMU_H

#include "los_list.h"

typedef struct Spinlock {
    size_t rawLock;
} SPIN_LOCK_S;

typedef struct ArchMmu {
    SPIN_LOCK_S lock;
    VADDR_T *virtTtb;     /* kernel VA of the L1 table */
    PADDR_T physTtb;      /* its physical address */
    UINT32 asid;
    LOS_DL_LIST ptList;   /* page-table pages: left empty here, the host keeps them */
} LosArchMmu;

#endif
