/*
 * The LiteOS-A memory entry points with the kernel's prototypes. The host replaces each one through a hook
 * on its symbol (firmware/ABI.md, "Hooked symbols"); if a body ever runs, the host missed it, and the run
 * stops loudly instead of pretending. noipa keeps gcc from treating callers as never returning.
 */
#include "hr_runtime.h"
#include "los_memory.h"
#include "los_vm_map.h"
#include "los_load_elf.h"
#include "los_vm_phys.h"
#include "los_arch_mmu.h"
#include "los_vm_iomap.h"
#include "los_vm_shm.h"

/* Weak: a program may give a function a real body; the host redirects the entry to the model all the same. */
#define HOOKED __attribute__((noipa, used, weak))

HOOKED UINT32 LOS_MemInit(VOID *pool, UINT32 size) { (void)pool; (void)size; hr_trap_unhooked(__func__); }
HOOKED VOID *LOS_MemAlloc(VOID *pool, UINT32 size) { (void)pool; (void)size; hr_trap_unhooked(__func__); }
HOOKED VOID *LOS_MemAllocAlign(VOID *pool, UINT32 size, UINT32 boundary)
{
    (void)pool; (void)size; (void)boundary; hr_trap_unhooked(__func__);
}
HOOKED VOID *LOS_MemRealloc(VOID *pool, VOID *ptr, UINT32 size)
{
    (void)pool; (void)ptr; (void)size; hr_trap_unhooked(__func__);
}
HOOKED UINT32 LOS_MemFree(VOID *pool, VOID *ptr) { (void)pool; (void)ptr; hr_trap_unhooked(__func__); }
HOOKED UINT32 LOS_MemPoolSizeGet(const VOID *pool) { (void)pool; hr_trap_unhooked(__func__); }
HOOKED UINT32 LOS_MemTotalUsedGet(VOID *pool) { (void)pool; hr_trap_unhooked(__func__); }
HOOKED UINT32 LOS_MemIntegrityCheck(const VOID *pool) { (void)pool; hr_trap_unhooked(__func__); }
HOOKED UINT32 LOS_MemDeInit(VOID *pool) { (void)pool; hr_trap_unhooked(__func__); }
HOOKED UINT32 LOS_MemPoolList(VOID) { hr_trap_unhooked(__func__); }
HOOKED VOID LOS_MemExpandEnable(VOID *pool) { (void)pool; hr_trap_unhooked(__func__); }
HOOKED UINT32 LOS_MemInfoGet(VOID *pool, LOS_MEM_POOL_STATUS *poolStatus)
{
    (void)pool; (void)poolStatus; hr_trap_unhooked(__func__);
}
HOOKED UINT32 LOS_MemFreeNodeShow(VOID *pool) { (void)pool; hr_trap_unhooked(__func__); }

HOOKED VOID *LOS_KernelMalloc(UINT32 size) { (void)size; hr_trap_unhooked(__func__); }
HOOKED VOID *LOS_KernelMallocAlign(UINT32 size, UINT32 boundary)
{
    (void)size; (void)boundary; hr_trap_unhooked(__func__);
}
HOOKED VOID *LOS_KernelRealloc(VOID *ptr, UINT32 size) { (void)ptr; (void)size; hr_trap_unhooked(__func__); }
HOOKED VOID LOS_KernelFree(VOID *ptr) { (void)ptr; hr_trap_unhooked(__func__); }

HOOKED VOID *LOS_VMalloc(size_t size) { (void)size; hr_trap_unhooked(__func__); }
HOOKED VOID LOS_VFree(const VOID *addr) { (void)addr; hr_trap_unhooked(__func__); }

HOOKED LosVmSpace *LOS_GetKVmSpace(VOID) { hr_trap_unhooked(__func__); }
HOOKED LosVmSpace *OsCreateUserVmSpace(VOID) { hr_trap_unhooked(__func__); }
HOOKED STATUS_T LOS_VmSpaceFree(LosVmSpace *space) { (void)space; hr_trap_unhooked(__func__); }
HOOKED STATUS_T LOS_VmSpaceClone(UINT32 cloneFlags, LosVmSpace *oldVmSpace, LosVmSpace *newVmSpace)
{
    (void)cloneFlags; (void)oldVmSpace; (void)newVmSpace; hr_trap_unhooked(__func__);
}
HOOKED LosVmMapRegion *LOS_RegionAlloc(LosVmSpace *vmSpace, VADDR_T vaddr, size_t len, UINT32 regionFlags,
                                       VM_OFFSET_T pgoff)
{
    (void)vmSpace; (void)vaddr; (void)len; (void)regionFlags; (void)pgoff; hr_trap_unhooked(__func__);
}
HOOKED STATUS_T LOS_RegionFree(LosVmSpace *space, LosVmMapRegion *region)
{
    (void)space; (void)region; hr_trap_unhooked(__func__);
}
HOOKED PADDR_T LOS_PaddrQuery(VOID *vaddr) { (void)vaddr; hr_trap_unhooked(__func__); }
HOOKED LosVmSpace *LOS_CurrSpaceGet(VOID) { hr_trap_unhooked(__func__); }
HOOKED LosVmSpace *LOS_SpaceGet(VADDR_T vaddr) { (void)vaddr; hr_trap_unhooked(__func__); }
HOOKED LosVmSpace *LOS_GetVmallocSpace(VOID) { hr_trap_unhooked(__func__); }
HOOKED LOS_DL_LIST *LOS_GetVmSpaceList(VOID) { hr_trap_unhooked(__func__); }
HOOKED LosVmMapRegion *LOS_RegionFind(LosVmSpace *vmSpace, VADDR_T addr)
{
    (void)vmSpace; (void)addr; hr_trap_unhooked(__func__);
}
HOOKED LosVmMapRegion *LOS_RegionRangeFind(LosVmSpace *vmSpace, VADDR_T addr, size_t len)
{
    (void)vmSpace; (void)addr; (void)len; hr_trap_unhooked(__func__);
}
HOOKED BOOL LOS_IsRangeInSpace(const LosVmSpace *space, VADDR_T vaddr, size_t size)
{
    (void)space; (void)vaddr; (void)size; hr_trap_unhooked(__func__);
}
HOOKED STATUS_T LOS_VmSpaceReserve(LosVmSpace *space, size_t size, VADDR_T vaddr)
{
    (void)space; (void)size; (void)vaddr; hr_trap_unhooked(__func__);
}

HOOKED VADDR_T LOS_MMap(VADDR_T vaddr, size_t len, unsigned prot, unsigned long flags, int fd, unsigned long pgoff)
{
    (void)vaddr; (void)len; (void)prot; (void)flags; (void)fd; (void)pgoff; hr_trap_unhooked(__func__);
}
HOOKED STATUS_T LOS_UnMMap(VADDR_T addr, size_t size) { (void)addr; (void)size; hr_trap_unhooked(__func__); }
HOOKED VOID *LOS_DoBrk(VOID *addr) { (void)addr; hr_trap_unhooked(__func__); }
HOOKED int LOS_DoMprotect(VADDR_T vaddr, size_t len, unsigned long prot)
{
    (void)vaddr; (void)len; (void)prot; hr_trap_unhooked(__func__);
}
HOOKED VADDR_T LOS_DoMremap(VADDR_T oldAddress, size_t oldSize, size_t newSize, int flags, VADDR_T newAddr)
{
    (void)oldAddress; (void)oldSize; (void)newSize; (void)flags; (void)newAddr; hr_trap_unhooked(__func__);
}
HOOKED UINT32 OsGetRndOffset(INT32 randomDevFD) { (void)randomDevFD; hr_trap_unhooked(__func__); }
HOOKED UINT32 OsStackAlloc(LosVmSpace *space, VADDR_T vaddr, UINT32 vsize, UINT32 psize, UINT32 regionFlags)
{
    (void)space; (void)vaddr; (void)vsize; (void)psize; (void)regionFlags; hr_trap_unhooked(__func__);
}
HOOKED LosVmSpace *OsExecProcessVmSpaceReplace(LosVmSpace *newSpace, UINTPTR stackBase, INT32 randomDevFD)
{
    (void)newSpace; (void)stackBase; (void)randomDevFD; hr_trap_unhooked(__func__);
}
HOOKED INT32 OsGetKernelVaddr(LosVmSpace *space, VADDR_T vaddr, VADDR_T *kvaddr)
{
    (void)space; (void)vaddr; (void)kvaddr; hr_trap_unhooked(__func__);
}

HOOKED LosVmPage *LOS_PhysPageAlloc(VOID) { hr_trap_unhooked(__func__); }
HOOKED VOID LOS_PhysPageFree(LosVmPage *page) { (void)page; hr_trap_unhooked(__func__); }
HOOKED VOID *LOS_PhysPagesAllocContiguous(size_t nPages) { (void)nPages; hr_trap_unhooked(__func__); }
HOOKED VOID LOS_PhysPagesFreeContiguous(VOID *ptr, size_t nPages)
{
    (void)ptr; (void)nPages; hr_trap_unhooked(__func__);
}
HOOKED VADDR_T *LOS_PaddrToKVaddr(PADDR_T paddr) { (void)paddr; hr_trap_unhooked(__func__); }
HOOKED LosVmPage *LOS_VmPageGet(PADDR_T paddr) { (void)paddr; hr_trap_unhooked(__func__); }
HOOKED size_t LOS_PhysPagesAlloc(size_t nPages, LOS_DL_LIST *list) { (void)nPages; (void)list; hr_trap_unhooked(__func__); }
HOOKED size_t LOS_PhysPagesFree(LOS_DL_LIST *list) { (void)list; hr_trap_unhooked(__func__); }
HOOKED STATUS_T LOS_VaddrToPaddrMmap(LosVmSpace *space, VADDR_T vaddr, PADDR_T paddr, size_t len, UINT32 flags)
{
    (void)space; (void)vaddr; (void)paddr; (void)len; (void)flags; hr_trap_unhooked(__func__);
}

HOOKED STATUS_T LOS_ArchMmuQuery(const LosArchMmu *archMmu, VADDR_T vaddr, PADDR_T *paddr, UINT32 *flags)
{
    (void)archMmu; (void)vaddr; (void)paddr; (void)flags; hr_trap_unhooked(__func__);
}
HOOKED STATUS_T LOS_ArchMmuUnmap(LosArchMmu *archMmu, VADDR_T vaddr, size_t count)
{
    (void)archMmu; (void)vaddr; (void)count; hr_trap_unhooked(__func__);
}
HOOKED STATUS_T LOS_ArchMmuMap(LosArchMmu *archMmu, VADDR_T vaddr, PADDR_T paddr, size_t count, UINT32 flags)
{
    (void)archMmu; (void)vaddr; (void)paddr; (void)count; (void)flags; hr_trap_unhooked(__func__);
}
HOOKED STATUS_T LOS_ArchMmuChangeProt(LosArchMmu *archMmu, VADDR_T vaddr, size_t count, UINT32 flags)
{
    (void)archMmu; (void)vaddr; (void)count; (void)flags; hr_trap_unhooked(__func__);
}
HOOKED STATUS_T LOS_ArchMmuMove(LosArchMmu *archMmu, VADDR_T oldVaddr, VADDR_T newVaddr, size_t count, UINT32 flags)
{
    (void)archMmu; (void)oldVaddr; (void)newVaddr; (void)count; (void)flags; hr_trap_unhooked(__func__);
}

HOOKED VOID *LOS_DmaMemAlloc(DMA_ADDR_T *dmaAddr, size_t size, size_t align, enum DmaMemType type)
{
    (void)dmaAddr; (void)size; (void)align; (void)type; hr_trap_unhooked(__func__);
}
HOOKED VOID LOS_DmaMemFree(VOID *vaddr) { (void)vaddr; hr_trap_unhooked(__func__); }
HOOKED DMA_ADDR_T LOS_DmaVaddrToPaddr(VOID *vaddr) { (void)vaddr; hr_trap_unhooked(__func__); }

/* Runtime calls into the host (hr_runtime.h). */
HOOKED UINT32 hr_vm_space_activate(LosVmSpace *space, HrMmuContext *ctx)
{
    (void)space; (void)ctx; hr_trap_unhooked(__func__);
}
HOOKED INT32 hr_data_abort_host(UINT32 dfsr, UINT32 dfar, UINT32 pc, UINT32 spsr)
{
    hr_printf("data_abort fsr:%#x, far:%#08x pc:%#08x spsr:%#x\n", dfsr, dfar, pc, spsr);
    hr_trap_unhooked(__func__);
}
HOOKED INT32 hr_prefetch_abort_host(UINT32 ifsr, UINT32 ifar, UINT32 pc, UINT32 spsr)
{
    hr_printf("prefetch_abort fault fsr:%#x, far:%#08x pc:%#08x spsr:%#x\n", ifsr, ifar, pc, spsr);
    hr_trap_unhooked(__func__);
}

HOOKED UINT32 ShmInit(VOID) { hr_trap_unhooked(__func__); }
HOOKED UINT32 ShmDeinit(VOID) { hr_trap_unhooked(__func__); }
HOOKED INT32 ShmGet(key_t key, size_t size, INT32 shmflg) { (void)key; (void)size; (void)shmflg; hr_trap_unhooked(__func__); }
HOOKED VOID *ShmAt(INT32 shmid, const VOID *shmaddr, INT32 shmflg)
{
    (void)shmid; (void)shmaddr; (void)shmflg; hr_trap_unhooked(__func__);
}
HOOKED INT32 ShmCtl(INT32 shmid, INT32 cmd, struct shmid_ds *buf) { (void)shmid; (void)cmd; (void)buf; hr_trap_unhooked(__func__); }
HOOKED INT32 ShmDt(const VOID *shmaddr) { (void)shmaddr; hr_trap_unhooked(__func__); }

/*
 * The host's exit checks (diagnostics, invariants, leak report) run when this is reached. Returns non-zero when the
 * host wants the guest to halt in hr_exit (an engine without semihosting); the body, for a run without a host,
 * lets hr_exit go on to the semihosting exit.
 */
HOOKED UINT32 hr_exit_host(INT32 status)
{
    (void)status;
    return 0;
}

void hr_trap_unhooked(const char *name)
{
    hr_printf("harmony-renode firmware: %s ran in the guest; the host must replace it (firmware/ABI.md)\n", name);
    hr_exit(HR_EXIT_UNHOOKED);
}
