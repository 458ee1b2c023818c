/*
 * LiteOS-A page descriptors (kernel/base/include/los_vm_page.h). A LosVmPage * points into g_vmPageArray, which
 * the host keeps in guest RAM: it writes a descriptor before the guest gets a pointer to it (firmware/ABI.md).
 */
#ifndef LOS_VM_PAGE_H
#define LOS_VM_PAGE_H

#include "los_typedef.h"
#include "los_list.h"

typedef struct VmPage {
    LOS_DL_LIST node;    /* the list the page is on (LOS_PhysPagesAlloc's list) */
    PADDR_T physAddr;
    INT32 refCounts;     /* Atomic */
    UINT32 flags;
    UINT8 order;
    UINT8 segID;
    UINT16 nPages;
} LosVmPage;

_Static_assert(sizeof(LosVmPage) == 24, "LosVmPage is 0x18 bytes on 32-bit ARM");

LosVmPage *LOS_VmPageGet(PADDR_T paddr);

#endif
