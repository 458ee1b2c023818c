/* LiteOS-A page descriptors (kernel/base/include/los_vm_page.h). LosVmPage is a host handle. */
#ifndef LOS_VM_PAGE_H
#define LOS_VM_PAGE_H

#include "los_typedef.h"

typedef struct VmPage LosVmPage;

LosVmPage *LOS_VmPageGet(PADDR_T paddr);

#endif
