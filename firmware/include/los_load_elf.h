/*
 * What exec needs from the memory manager (kernel/extended/dynload/include/los_load_elf.h and
 * los_process_pri.h). The host model replaces the four functions; runtime/process.c does the rest of
 * OsLoadELFFile in the kernel's order (firmware/ABI.md, "User processes").
 */
#ifndef LOS_LOAD_ELF_H
#define LOS_LOAD_ELF_H

#include "los_typedef.h"
#include "los_vm_map.h"

#define USER_STACK_SIZE 0x100000U
#define USER_PARAM_BYTE_MAX 0x1000U
#define USER_STACK_TOP_MAX USER_ASPACE_TOP_MAX
#define EXEC_MMAP_BASE 0x02000000U
#define STACK_ALIGN_SIZE 0x10U
#define RANDOM_VECTOR_SIZE 1

/* Program header permissions (PF_*). */
#define PF_R 0x4
#define PF_W 0x2
#define PF_X 0x1

/* OsGetRndOffset: the ASLR offset (0 unless the host runs with ASLR on); the fd is unused by the model. */
UINT32 OsGetRndOffset(INT32 randomDevFD);
/* OsStackAlloc: the stack region, with its top psize bytes mapped now. LOS_OK or LOS_NOK. */
UINT32 OsStackAlloc(LosVmSpace *space, VADDR_T vaddr, UINT32 vsize, UINT32 psize, UINT32 regionFlags);
/* OsExecProcessVmSpaceReplace: newSpace becomes the process's space (heap, mmap window); returns the old one. */
LosVmSpace *OsExecProcessVmSpaceReplace(LosVmSpace *newSpace, UINTPTR stackBase, INT32 randomDevFD);
/* OsGetKernelVaddr: the kernel alias of a mapped user address of `space`. LOS_OK or LOS_NOK. */
INT32 OsGetKernelVaddr(LosVmSpace *space, VADDR_T vaddr, VADDR_T *kvaddr);

#endif
