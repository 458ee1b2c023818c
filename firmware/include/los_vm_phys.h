/* LiteOS-A physical page allocator (kernel/base/include/los_vm_phys.h). Pages are host handles. */
#ifndef LOS_VM_PHYS_H
#define LOS_VM_PHYS_H

#include "los_vm_page.h"

LosVmPage *LOS_PhysPageAlloc(VOID);
VOID LOS_PhysPageFree(LosVmPage *page);
VOID *LOS_PhysPagesAllocContiguous(size_t nPages);
VOID LOS_PhysPagesFreeContiguous(VOID *ptr, size_t nPages);
VADDR_T *LOS_PaddrToKVaddr(PADDR_T paddr);

#endif
