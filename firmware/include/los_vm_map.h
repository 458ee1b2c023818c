/*
 * LiteOS-A virtual memory (kernel/base/include/los_vm_map.h and the syscall half from los_vm_syscall.h).
 * Spaces and regions are the kernel's structures, with its 32-bit layouts: the host allocates them from the
 * system pool (g_kVmSpace and g_vMallocSpace are globals, runtime/vm_globals.c) and keeps them up to date, so
 * firmware reads region->range.base, space->mapBase or space->archMmu as kernel code does (firmware/ABI.md,
 * "Kernel structures"). Writing into them is the guest's business; the host's copy is what it acts on.
 */
#ifndef LOS_VM_MAP_H
#define LOS_VM_MAP_H

#include "los_typedef.h"
#include "los_list.h"
#include "los_rbtree.h"
#include "los_arch_mmu.h"

typedef struct {
    UINT8 protocol;
    UINT8 prioceiling;
    UINT8 type;
    UINT8 reserved;
} LosMuxAttr;

/* LosMux (kernel/include/los_mux.h): LOS_MuxInit's state; the host does not lock it. */
typedef struct OsMux {
    UINT32 magic;
    LosMuxAttr attr;
    LOS_DL_LIST holdList;
    LOS_DL_LIST muxList;
    VOID *owner;
    UINT16 muxCount;
} LosMux;

typedef struct VmMapRange {
    VADDR_T base;
    UINT32 size;
} LosVmMapRange;

struct VmSpace;
typedef struct VmSpace LosVmSpace;

typedef struct VmMapRegion {
    LosRbNode rbNode;        /* first member: a tree node pointer is the region pointer */
    LosVmSpace *space;
    LOS_DL_LIST node;
    LosVmMapRange range;
    VM_OFFSET_T pgOff;
    UINT32 regionFlags;
    UINT32 shmid;
    UINT8 forkFlags;
    UINT8 regionType;
    union {
        struct VmRegionFile {
            int f_oflags;
            struct Vnode *vnode;
            const VOID *vmFOps;
        } rf;
        struct VmRegionAnon {
            LOS_DL_LIST node;
        } ra;
        struct VmRegionDev {
            LOS_DL_LIST node;
            const VOID *vmFOps;
        } rd;
    } unTypeData;
} LosVmMapRegion;

struct VmSpace {
    LOS_DL_LIST node;        /* on g_vmSpaceList (LOS_GetVmSpaceList) */
    LosRbTree regionRbTree;
    LosMux regionMux;
    VADDR_T base;
    UINT32 size;
    VADDR_T heapBase;
    VADDR_T heapNow;
    LosVmMapRegion *heap;
    VADDR_T mapBase;
    UINT32 mapSize;
    LosArchMmu archMmu;
};

#define VM_MAP_REGION_TYPE_NONE 0x0
#define VM_MAP_REGION_TYPE_ANON 0x1
#define VM_MAP_REGION_TYPE_FILE 0x2
#define VM_MAP_REGION_TYPE_DEV 0x4


/* Region flags (VM_MAP_REGION_FLAG_*): cache type in bits 0-1, then permissions; also LOS_ArchMmu* mapping flags. */
#define VM_MAP_REGION_FLAG_CACHED (0U << 0)
#define VM_MAP_REGION_FLAG_UNCACHED (1U << 0)
#define VM_MAP_REGION_FLAG_UNCACHED_DEVICE (2U << 0)
#define VM_MAP_REGION_FLAG_STRONGLY_ORDERED (3U << 0)
#define VM_MAP_REGION_FLAG_PERM_USER (1U << 2)
#define VM_MAP_REGION_FLAG_PERM_READ (1U << 3)
#define VM_MAP_REGION_FLAG_PERM_WRITE (1U << 4)
#define VM_MAP_REGION_FLAG_PERM_EXECUTE (1U << 5)
#define VM_MAP_REGION_FLAG_PRIVATE (1U << 8)
#define VM_MAP_REGION_FLAG_STACK (1U << 9)
#define VM_MAP_REGION_FLAG_FIXED (1U << 17)

/* mmap arguments (musl values, as LiteOS-A user space passes them). */
#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2

#define CLONE_VM 0x00000100

#define KERNEL_ASPACE_BASE 0x40000000U
#define UNCACHED_VMM_BASE 0x80000000U
#define USER_ASPACE_BASE 0x01000000U
#define USER_ASPACE_TOP_MAX 0x3F000000U
#define VMALLOC_START 0xC0000000U
#define PERIPH_DEVICE_BASE 0xC8000000U

VOID *LOS_KernelMalloc(UINT32 size);
VOID *LOS_KernelMallocAlign(UINT32 size, UINT32 boundary);
VOID *LOS_KernelRealloc(VOID *ptr, UINT32 size);
VOID LOS_KernelFree(VOID *ptr);

VOID *LOS_VMalloc(size_t size);
VOID LOS_VFree(const VOID *addr);

LosVmSpace *LOS_GetKVmSpace(VOID);
LosVmSpace *OsCreateUserVmSpace(VOID);
STATUS_T LOS_VmSpaceFree(LosVmSpace *space);
STATUS_T LOS_VmSpaceClone(UINT32 cloneFlags, LosVmSpace *oldVmSpace, LosVmSpace *newVmSpace);
LosVmMapRegion *LOS_RegionAlloc(LosVmSpace *vmSpace, VADDR_T vaddr, size_t len, UINT32 regionFlags,
                                VM_OFFSET_T pgoff);
STATUS_T LOS_RegionFree(LosVmSpace *space, LosVmMapRegion *region);
PADDR_T LOS_PaddrQuery(VOID *vaddr);
LosVmSpace *LOS_CurrSpaceGet(VOID);
LosVmSpace *LOS_SpaceGet(VADDR_T vaddr);
LosVmSpace *LOS_GetVmallocSpace(VOID);
LOS_DL_LIST *LOS_GetVmSpaceList(VOID);
LosVmMapRegion *LOS_RegionFind(LosVmSpace *vmSpace, VADDR_T addr);
LosVmMapRegion *LOS_RegionRangeFind(LosVmSpace *vmSpace, VADDR_T addr, size_t len);
BOOL LOS_IsRangeInSpace(const LosVmSpace *space, VADDR_T vaddr, size_t size);
STATUS_T LOS_VmSpaceReserve(LosVmSpace *space, size_t size, VADDR_T vaddr);
STATUS_T LOS_VaddrToPaddrMmap(LosVmSpace *space, VADDR_T vaddr, PADDR_T paddr, size_t len, UINT32 flags);

VADDR_T LOS_MMap(VADDR_T vaddr, size_t len, unsigned prot, unsigned long flags, int fd, unsigned long pgoff);
STATUS_T LOS_UnMMap(VADDR_T addr, size_t size);
VOID *LOS_DoBrk(VOID *addr);
int LOS_DoMprotect(VADDR_T vaddr, size_t len, unsigned long prot);
VADDR_T LOS_DoMremap(VADDR_T oldAddress, size_t oldSize, size_t newSize, int flags, VADDR_T newAddr);

#endif
