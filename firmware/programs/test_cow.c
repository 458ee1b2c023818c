/*
 * Copy-on-write after LOS_VmSpaceClone (docs/memory-manager.md §3.9, 5.4): parent and child share pages read-only; the child's user
 * code writes three of four pages (permission faults → private copies); the parent still sees its data; the
 * parent's own write of the still-shared page copies too, and a page the child already copied is reused.
 */
#include "hr_test.h"

#define PAGES 4

void user_cow_child(UINT32 arg);

static void Fill(UINT32 va, UINT32 page, UINT32 tag)
{
    volatile UINT32 *w = (volatile UINT32 *)(va + page * PAGE_SIZE);
    for (UINT32 i = 0; i < 1024; i += 64) {
        w[i] = tag ^ (page << 16) ^ i;
    }
}

static BOOL Holds(UINT32 va, UINT32 page, UINT32 tag)
{
    volatile UINT32 *w = (volatile UINT32 *)(va + page * PAGE_SIZE);
    for (UINT32 i = 0; i < 1024; i += 64) {
        if (w[i] != (tag ^ (page << 16) ^ i)) {
            return FALSE;
        }
    }
    return TRUE;
}

int hr_main(void)
{
    const UINT32 parentTag = 0x50000000U;
    const UINT32 childTag = 0xC0000000U; /* same constant in test_cow_user.c */
    const UINT32 laterTag = 0x0A000000U;

    LosVmSpace *parent = OsCreateUserVmSpace();
    CHECK(parent != NULL, "OsCreateUserVmSpace (parent)");
    OsSwitchVmSpace(parent);
    CHECK(hr_user_load() == 0, "user image load");
    VADDR_T va = LOS_MMap(0, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK((INT32)va > 0, "LOS_MMap = %d", (int)va);
    for (UINT32 p = 0; p < PAGES; p++) {
        Fill(va, p, parentTag);
    }
    PADDR_T parentPa0 = LOS_PaddrQuery((VOID *)va);

    LosVmSpace *child = OsCreateUserVmSpace();
    CHECK(child != NULL, "OsCreateUserVmSpace (child)");
    STATUS_T cloned = LOS_VmSpaceClone(CLONE_VM, parent, child);
    CHECK(cloned == 0, "LOS_VmSpaceClone = %d", cloned);
    hr_printf("cow: parent %p cloned into child %p, region %#x\n", parent, child, va);

    OsSwitchVmSpace(child);
    CHECK(LOS_PaddrQuery((VOID *)va) == parentPa0, "child maps a different page before any write");
    int status = hr_user_start((UINT32)user_cow_child, va);
    CHECK(status == 0, "child user process exit status %#x", status);
    for (UINT32 p = 0; p < PAGES - 1; p++) {
        CHECK(Holds(va, p, childTag), "child page %u lost the child's data", p);
    }
    CHECK(Holds(va, PAGES - 1, parentTag), "child's unwritten page changed");
    CHECK(LOS_PaddrQuery((VOID *)va) != parentPa0, "child page 0 still shares the parent's frame after a write");

    OsSwitchVmSpace(parent);
    for (UINT32 p = 0; p < PAGES; p++) {
        CHECK(Holds(va, p, parentTag), "parent page %u changed by the child's write", p);
    }
    Fill(va, PAGES - 1, laterTag); /* still shared: copy */
    Fill(va, 0, laterTag);         /* refCount 1 now: the page is reused (docs/memory-manager.md §5.4, last writer) */
    CHECK(LOS_PaddrQuery((VOID *)va) == parentPa0, "parent's last-writer page was copied instead of reused");

    OsSwitchVmSpace(child);
    CHECK(Holds(va, PAGES - 1, parentTag), "child sees the parent's later write");
    hr_printf("cow: child wrote %u pages, parent kept its data, last writer reused page %#x\n", PAGES - 1, parentPa0);

    OsSwitchVmSpace(NULL);
    CHECK(LOS_VmSpaceFree(child) == 0, "free child");
    CHECK(LOS_VmSpaceFree(parent) == 0, "free parent");
    return hr_test_end("test_cow");
}
