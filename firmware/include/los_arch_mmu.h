/*
 * LiteOS-A's MMU operations on a space's tables (arch/arm/arm/include/los_arch_mmu.h). The tables are the host
 * model's, written into guest RAM; a LosArchMmu * is always &space->archMmu of a LosVmSpace.
 */
#ifndef LOS_ARCH_MMU_H
#define LOS_ARCH_MMU_H

#include "los_typedef.h"

typedef struct ArchMmu LosArchMmu;

/*
 * &space->archMmu: offsetof(LosVmSpace, archMmu) is 0x70 on 32-bit ARM (node 8 bytes, regionRbTree 44, regionMux 32,
 * seven words). Written as arithmetic while LosVmSpace has no complete type in these headers.
 */
#define HR_VM_SPACE_ARCH_MMU(space) ((LosArchMmu *)((UINTPTR)(space) + 0x70U))

STATUS_T LOS_ArchMmuQuery(const LosArchMmu *archMmu, VADDR_T vaddr, PADDR_T *paddr, UINT32 *flags);
STATUS_T LOS_ArchMmuUnmap(LosArchMmu *archMmu, VADDR_T vaddr, size_t count);
STATUS_T LOS_ArchMmuMap(LosArchMmu *archMmu, VADDR_T vaddr, PADDR_T paddr, size_t count, UINT32 flags);
STATUS_T LOS_ArchMmuChangeProt(LosArchMmu *archMmu, VADDR_T vaddr, size_t count, UINT32 flags);
STATUS_T LOS_ArchMmuMove(LosArchMmu *archMmu, VADDR_T oldVaddr, VADDR_T newVaddr, size_t count, UINT32 flags);

#endif
