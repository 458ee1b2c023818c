/*
 * Looking spaces and regions up (kernel/base/vm/los_vm_map.c, los_vm_phys.c): LOS_CurrSpaceGet, LOS_SpaceGet,
 * LOS_GetVmallocSpace, LOS_RegionFind, LOS_RegionRangeFind, LOS_IsRangeInSpace, LOS_VmSpaceReserve and
 * LOS_PaddrToKVaddr, from the kernel process (no user space current), with their error codes.
 */
#include "hr_test.h"
#include "los_memory.h"
#include "los_vm_map.h"
#include "los_vm_phys.h"

#define LOS_ERRNO_VM_OUT_OF_RANGE (-37)

static UINT32 g_word = 0x5A5A5A5A;

int hr_main(void)
{
    LosVmSpace *k = LOS_GetKVmSpace();
    LosVmSpace *v = LOS_GetVmallocSpace();
    CHECK(k != NULL && v != NULL && k != v, "kernel and vmalloc spaces");
    CHECK(LOS_CurrSpaceGet() == k, "the kernel process's space is the kernel space");
    CHECK(LOS_SpaceGet((VADDR_T)&g_word) == k, "kernel address");
    CHECK(LOS_SpaceGet(USER_ASPACE_BASE + 0x1000) == k, "user address: the current process's space");
    CHECK(LOS_SpaceGet(VMALLOC_START) == v, "vmalloc address");
    CHECK(LOS_SpaceGet(0x1000) == NULL, "below user space: no space");
    hr_printf("lookup: LOS_SpaceGet answers kernel, current and vmalloc spaces\n");

    CHECK(LOS_IsRangeInSpace(k, (VADDR_T)&g_word, 4), "a kernel word in the kernel space");
    CHECK(!LOS_IsRangeInSpace(k, USER_ASPACE_BASE, 4), "a user address is not in the kernel space");
    CHECK(!LOS_IsRangeInSpace(v, VMALLOC_START + 0x1000, 0xFFFFF000u), "wrapping range");
    CHECK(LOS_IsRangeInSpace(v, VMALLOC_START, 0), "size 0 at the base");

    UINT8 *buf = LOS_VMalloc(3 * 4096);
    CHECK(buf != NULL, "LOS_VMalloc");
    LosVmMapRegion *r = LOS_RegionFind(v, (VADDR_T)buf + 4096 + 7);
    CHECK(r != NULL, "the vmalloc region by an address inside it");
    CHECK(LOS_RegionRangeFind(v, (VADDR_T)buf, 3 * 4096) == r, "the region by its whole range");
    CHECK(LOS_RegionFind(k, (VADDR_T)buf) == NULL, "not in the kernel space");
    CHECK(LOS_RegionFind(v, VMALLOC_START + 0x07000000) == NULL, "nothing mapped there");
    LOS_VFree(buf);
    CHECK(LOS_RegionFind(v, (VADDR_T)buf) == NULL, "gone after LOS_VFree");

    VADDR_T at = VMALLOC_START + 0x04000000;
    CHECK(LOS_VmSpaceReserve(v, 4096, at + 0x10) == LOS_ERRNO_VM_INVALID_ARGS, "unaligned address");
    CHECK(LOS_VmSpaceReserve(v, 0, at) == LOS_ERRNO_VM_INVALID_ARGS, "size 0");
    CHECK(LOS_VmSpaceReserve(v, 4096, USER_ASPACE_BASE) == LOS_ERRNO_VM_OUT_OF_RANGE, "outside the space");
    STATUS_T st = LOS_VmSpaceReserve(v, 2 * 4096, at);
    CHECK(st == LOS_OK, "reserve two pages at a fixed address: %d", st);
    LosVmMapRegion *reserved = LOS_RegionFind(v, at + 4096);
    CHECK(reserved != NULL, "the reserved region");
    CHECK(LOS_VmSpaceReserve(v, 4096, at + 4096) == LOS_ERRNO_VM_NO_MEMORY, "the range is taken");
    CHECK(LOS_RegionFree(v, reserved) == LOS_OK, "free the reservation");
    hr_printf("lookup: LOS_VmSpaceReserve gave a fixed region and took it back\n");

    PADDR_T pa = LOS_PaddrQuery(&g_word);
    CHECK(LOS_PaddrToKVaddr(pa) == (VADDR_T *)&g_word, "kernel window: %p", LOS_PaddrToKVaddr(pa));
    CHECK(LOS_PaddrToKVaddr(0) == NULL, "0 is NULL");
    /* Outside every physical segment the kernel still answers with the window's offset. */
    CHECK(LOS_PaddrToKVaddr(0x09000000) == (VADDR_T *)(0x09000000 - 0x40000000 + KERNEL_ASPACE_BASE),
          "a device address");
    hr_printf("lookup: LOS_PaddrToKVaddr(0x%x) = %p\n", (unsigned)pa, LOS_PaddrToKVaddr(pa));
    return hr_test_end("test_vm_lookup");
}
