/* LiteOS-A DMA buffers (kernel/base/include/los_vm_iomap.h). */
#ifndef LOS_VM_IOMAP_H
#define LOS_VM_IOMAP_H

#include "los_typedef.h"

typedef unsigned long DMA_ADDR_T; /* los_typedef.h */

enum DmaMemType {
    DMA_CACHE,
    DMA_NOCACHE
};

VOID *LOS_DmaMemAlloc(DMA_ADDR_T *dmaAddr, size_t size, size_t align, enum DmaMemType type);
VOID LOS_DmaMemFree(VOID *vaddr);
DMA_ADDR_T LOS_DmaVaddrToPaddr(VOID *vaddr);

#endif
