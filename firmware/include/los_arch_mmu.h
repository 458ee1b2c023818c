/*
 * LiteOS-A's per-space MMU state and the MMU operations on a space's tables (arch/arm/arm/include/los_arch_mmu.h),
 * without LOSCFG_PAGE_TABLE_FINE_LOCK and without LOSCFG_KERNEL_SMP (the spin lock is one word). The host writes the
 * state inside every LosVmSpace; the tables are the host model's, written into guest RAM, and a LosArchMmu * is always
 * &space->archMmu of a LosVmSpace.
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

STATUS_T LOS_ArchMmuQuery(const LosArchMmu *archMmu, VADDR_T vaddr, PADDR_T *paddr, UINT32 *flags);
STATUS_T LOS_ArchMmuUnmap(LosArchMmu *archMmu, VADDR_T vaddr, size_t count);
STATUS_T LOS_ArchMmuMap(LosArchMmu *archMmu, VADDR_T vaddr, PADDR_T paddr, size_t count, UINT32 flags);
STATUS_T LOS_ArchMmuChangeProt(LosArchMmu *archMmu, VADDR_T vaddr, size_t count, UINT32 flags);
STATUS_T LOS_ArchMmuMove(LosArchMmu *archMmu, VADDR_T oldVaddr, VADDR_T newVaddr, size_t count, UINT32 flags);

#endif
