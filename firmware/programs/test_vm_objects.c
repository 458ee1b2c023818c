/*
 * Spaces and regions are the kernel's structures (kernel/base/include/los_vm_map.h): the program reads them as
 * kernel code does - space->base, space->archMmu, region->range, the region RB tree and g_vmSpaceList - and finds
 * the system pool as OsSysMemInit leaves it: the four boot regions behind the freed 16 KiB temporary L1 table.
 */
#include "hr_test.h"
#include "los_memory.h"
#include "los_vm_map.h"

extern UINT8 g_firstPageTable[];
extern LosVmSpace g_kVmSpace;
extern char __text_start[], __rodata_start[];

#define POOL_HEAD 936U      /* sizeof(struct OsMemPoolHead) */
#define NODE_HEAD 12U       /* sizeof(struct OsMemNodeHead) */
#define TMP_TTB_NODE 0x8008U /* LOS_MemAllocAlign(0x4000, 0x4000): a node of ALIGN(0x4000 + 0x4000 - 4 + 12, 4) */
#define REGION_NODE 0x4CU   /* ALIGN(sizeof(LosVmMapRegion) + 12, 4) */

static UINT32 CountSpaces(void)
{
    LOS_DL_LIST *head = LOS_GetVmSpaceList();
    LOS_DL_LIST *item = NULL;
    UINT32 n = 0;
    LOS_DL_LIST_FOR_EACH(item, head) {
        CHECK(item->pstNext->pstPrev == item, "list links agree");
        n++;
    }
    return n;
}

/* In order, by the links the host keeps: how many regions, and whether their bases ascend. */
static UINT32 WalkRegions(LosVmSpace *space, LosVmMapRegion **first)
{
    LosRbNode *nil = &space->regionRbTree.stNilT;
    LosRbNode *node = space->regionRbTree.pstRoot;
    UINT32 n = 0;
    VADDR_T last = 0;
    *first = NULL;
    if (node == nil) {
        return 0;
    }
    while (node->pstLeft != nil) {
        node = node->pstLeft;
    }
    while (node != nil) {
        LosVmMapRegion *region = (LosVmMapRegion *)node; /* rbNode is the first member */
        CHECK(n == 0 || region->range.base > last, "ascending: %x after %x", (unsigned)region->range.base, (unsigned)last);
        if (n == 0) {
            *first = region;
        }
        last = region->range.base;
        n++;
        if (node->pstRight != nil) {
            node = node->pstRight;
            while (node->pstLeft != nil) {
                node = node->pstLeft;
            }
        } else {
            LosRbNode *parent = node->pstParent;
            while (parent != nil && node == parent->pstRight) {
                node = parent;
                parent = parent->pstParent;
            }
            node = parent;
        }
    }
    return n;
}

int hr_main(void)
{
    LosVmSpace *k = LOS_GetKVmSpace();
    LosVmSpace *v = LOS_GetVmallocSpace();
    CHECK(k == &g_kVmSpace, "LOS_GetKVmSpace is &g_kVmSpace");
    CHECK(k->base == KERNEL_ASPACE_BASE && k->size == 0x40000000U, "kernel space %x+%x", (unsigned)k->base, (unsigned)k->size);
    CHECK(k->archMmu.virtTtb == (VADDR_T *)g_firstPageTable, "kernel table");
    CHECK(k->archMmu.physTtb == (PADDR_T)g_firstPageTable, "VA == PA in the kernel window");
    CHECK(k->archMmu.asid == 0 && v->archMmu.asid == 1, "ASIDs 0 and 1");
    CHECK(v->base == VMALLOC_START && v->mapBase == VMALLOC_START, "vmalloc space");
    CHECK(CountSpaces() == 2, "two spaces after boot");
    CHECK(LOS_GetVmSpaceList()->pstNext == &v->node, "vmalloc was added last, at the head");
    hr_printf("objects: kernel and vmalloc spaces on g_vmSpaceList, ASIDs %u and %u\n",
              (unsigned)k->archMmu.asid, (unsigned)v->archMmu.asid);

    LosVmMapRegion *text = NULL;
    CHECK(WalkRegions(k, &text) == 4 && k->regionRbTree.ulNodes == 4, "four boot regions");
    CHECK(text != NULL && text->range.base == (VADDR_T)__text_start, "the first covers the text");
    CHECK(text->range.size == (UINT32)(__rodata_start - __text_start), "up to the rodata");
    CHECK(text->space == k && text->shmid == (UINT32)-1, "OsCreateRegion's fields");
    /* OsSwitchTmpTTB's block first, then the regions in reservation order: text is the first of them. */
    CHECK((UINT8 *)text == m_aucSysMem1 + POOL_HEAD + TMP_TTB_NODE + NODE_HEAD, "text region at %p", text);
    UINT8 *small = LOS_MemAlloc(m_aucSysMem1, 100);
    CHECK(small == m_aucSysMem1 + POOL_HEAD + NODE_HEAD, "the freed table block takes the first small block: %p", small);
    hr_printf("objects: four boot regions behind the freed 16 KiB table, the first block at the pool's start\n");

    LosVmSpace *s = OsCreateUserVmSpace();
    CHECK(s != NULL, "OsCreateUserVmSpace");
    CHECK((UINT8 *)s == small + 0x70U, "the space is the next block (100 bytes take a node of 0x70): %p", s);
    CHECK(s->mapBase == 0x1F800000U && s->heapBase == 0x0FC00000U && s->heap == NULL, "OsUserVmSpaceInit");
    CHECK(s->archMmu.asid == 2, "third ASID");
    CHECK(CountSpaces() == 3 && LOS_GetVmSpaceList()->pstNext == &s->node, "linked at the head");

    LosVmMapRegion *r = LOS_RegionAlloc(s, 0, 3 * PAGE_SIZE, VM_MAP_REGION_FLAG_PERM_USER | VM_MAP_REGION_FLAG_PERM_READ, 0);
    CHECK(r != NULL && (UINT8 *)r == (UINT8 *)s + 0x94U, "the region follows the space: %p", r);
    CHECK(r->range.base == s->mapBase && r->range.size == 3 * PAGE_SIZE, "first fit at mapBase");
    CHECK(r->space == s && r->regionType == VM_MAP_REGION_TYPE_NONE, "space and type");
    CHECK(s->regionRbTree.pstRoot == &r->rbNode && r->rbNode.lColor == LOS_RB_BLACK, "the root, black");
    CHECK(LOS_RegionFind(s, r->range.base + 5) == r, "found by address");
    hr_printf("objects: region [0x%x, +0x%x) read through its pointer\n", (unsigned)r->range.base, (unsigned)r->range.size);

    CHECK(LOS_RegionFree(s, r) == LOS_OK, "LOS_RegionFree");
    CHECK(s->regionRbTree.ulNodes == 0 && s->regionRbTree.pstRoot == &s->regionRbTree.stNilT, "empty tree");
    CHECK(LOS_VmSpaceFree(s) == LOS_OK, "LOS_VmSpaceFree");
    CHECK(CountSpaces() == 2 && LOS_GetVmSpaceList()->pstNext == &v->node, "unlinked");
    CHECK(LOS_MemFree(m_aucSysMem1, small) == LOS_OK, "free");
    return hr_test_end("test_vm_objects");
}
