/* LiteOS-A's red-black tree types (lib/libscrew/include/los_rbtree.h); the host keeps region trees in guest RAM. */
#ifndef LOS_RBTREE_H
#define LOS_RBTREE_H

#include "los_list.h"

#define LOS_RB_RED 0
#define LOS_RB_BLACK 1

typedef unsigned int ULONG_T;

typedef struct TagRbNode {
    struct TagRbNode *pstParent;
    struct TagRbNode *pstRight;
    struct TagRbNode *pstLeft;
    ULONG_T lColor;
} LosRbNode;

typedef ULONG_T (*pfRBCmpKeyFn)(const VOID *, const VOID *);
typedef ULONG_T (*pfRBFreeFn)(LosRbNode *);
typedef VOID *(*pfRBGetKeyFn)(LosRbNode *);

typedef struct TagRbTree {
    LosRbNode *pstRoot;
    LosRbNode stNilT;
    LOS_DL_LIST stWalkHead;
    ULONG_T ulNodes;
    pfRBCmpKeyFn pfCmpKey; /* NULL here: the comparison lives in the host */
    pfRBFreeFn pfFree;
    pfRBGetKeyFn pfGetKey;
} LosRbTree;

#endif
