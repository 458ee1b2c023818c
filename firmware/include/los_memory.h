/*
 * LiteOS-A kernel heap (kernel/include/los_memory.h). The guest bodies trap: the host model replaces
 * every function here through a hook on its symbol (see firmware/ABI.md).
 */
#ifndef LOS_MEMORY_H
#define LOS_MEMORY_H

#include "los_typedef.h"

/* The system pool. The host writes its address here before the first instruction. */
extern UINT8 *m_aucSysMem0;
extern UINT8 *m_aucSysMem1;
#define OS_SYS_MEM_ADDR m_aucSysMem1

/* LOS_MemInfoGet's answer (default build: no usageWaterLine, LOSCFG_MEM_WATERLINE is off). */
typedef struct {
    UINT32 totalUsedSize;
    UINT32 totalFreeSize;
    UINT32 maxFreeNodeSize;
    UINT32 usedNodeNum;
    UINT32 freeNodeNum;
} LOS_MEM_POOL_STATUS;

UINT32 LOS_MemInit(VOID *pool, UINT32 size);
UINT32 LOS_MemDeInit(VOID *pool);
UINT32 LOS_MemPoolList(VOID);
VOID LOS_MemExpandEnable(VOID *pool);
VOID *LOS_MemAlloc(VOID *pool, UINT32 size);
VOID *LOS_MemAllocAlign(VOID *pool, UINT32 size, UINT32 boundary);
VOID *LOS_MemRealloc(VOID *pool, VOID *ptr, UINT32 size);
UINT32 LOS_MemFree(VOID *pool, VOID *ptr);
UINT32 LOS_MemPoolSizeGet(const VOID *pool);
UINT32 LOS_MemTotalUsedGet(VOID *pool);
UINT32 LOS_MemInfoGet(VOID *pool, LOS_MEM_POOL_STATUS *poolStatus);
UINT32 LOS_MemFreeNodeShow(VOID *pool);
UINT32 LOS_MemIntegrityCheck(const VOID *pool);

#endif
