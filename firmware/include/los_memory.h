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

UINT32 LOS_MemInit(VOID *pool, UINT32 size);
VOID *LOS_MemAlloc(VOID *pool, UINT32 size);
VOID *LOS_MemAllocAlign(VOID *pool, UINT32 size, UINT32 boundary);
VOID *LOS_MemRealloc(VOID *pool, VOID *ptr, UINT32 size);
UINT32 LOS_MemFree(VOID *pool, VOID *ptr);
UINT32 LOS_MemPoolSizeGet(const VOID *pool);
UINT32 LOS_MemTotalUsedGet(VOID *pool);
UINT32 LOS_MemIntegrityCheck(const VOID *pool);

#endif
