/*
 * LiteOS-A's doubly linked list (kernel/include/los_list.h), reduced to what the firmware uses. Layout as the
 * kernel's: { pstPrev, pstNext }, 8 bytes; the host links these in guest RAM (g_vmSpaceList, LOS_PhysPagesAlloc).
 */
#ifndef LOS_LIST_H
#define LOS_LIST_H

#include "los_typedef.h"

typedef struct LOS_DL_LIST {
    struct LOS_DL_LIST *pstPrev;
    struct LOS_DL_LIST *pstNext;
} LOS_DL_LIST;

#define OFFSET_OF_FIELD(type, field) ((UINTPTR)&((type *)0)->field)
#define LOS_OFF_SET_OF(type, member) ((UINTPTR)&((type *)0)->member)
#define LOS_DL_LIST_ENTRY(item, type, member) ((type *)(VOID *)((CHAR *)(item) - LOS_OFF_SET_OF(type, member)))

#define LOS_DL_LIST_FOR_EACH(item, list) \
    for ((item) = (list)->pstNext; (item) != (list); (item) = (item)->pstNext)

#define LOS_DL_LIST_FOR_EACH_ENTRY(item, list, type, member) for ((item) = LOS_DL_LIST_ENTRY((list)->pstNext, type, member); &(item)->member != (list); (item) = LOS_DL_LIST_ENTRY((item)->member.pstNext, type, member))

static inline VOID LOS_ListInit(LOS_DL_LIST *list)
{
    list->pstNext = list;
    list->pstPrev = list;
}

static inline BOOL LOS_ListEmpty(LOS_DL_LIST *list)
{
    return (BOOL)(list->pstNext == list);
}

#endif
