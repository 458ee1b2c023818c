/*
 * LiteOS-A's doubly linked list (kernel/include/los_list.h): the node type and the few helpers the firmware
 * uses to walk kernel lists the host keeps in guest RAM (g_vmSpaceList).
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

#endif
