/*
 * Bad frees get LiteOS-A's answers, not a crash (docs/memory-manager.md §2.5): double free, a pointer into the image, an interior
 * pointer, NULL, a NULL pool all return LOS_NOK; the pool stays intact and usable.
 */
#include "hr_test.h"
#include "los_memory.h"
#include "los_vm_map.h"

static UINT32 g_notHeap[16] = { 1, 2, 3, 4, 5, 6, 7, 8 };

int hr_main(void)
{
    VOID *pool = m_aucSysMem1;
    UINT8 *p = LOS_MemAlloc(pool, 100);
    CHECK(p != NULL, "LOS_MemAlloc(100)");
    CHECK(LOS_MemFree(pool, p) == LOS_OK, "first free");
    UINT32 again = LOS_MemFree(pool, p);
    CHECK(again == LOS_NOK, "double free returned %u", again);
    hr_printf("free: double free returned %u (LOS_NOK)\n", again);

    UINT32 foreign = LOS_MemFree(pool, &g_notHeap[4]);
    CHECK(foreign == LOS_NOK, "foreign pointer free returned %u", foreign);
    hr_printf("free: foreign pointer free returned %u (LOS_NOK)\n", foreign);

    UINT8 *q = LOS_MemAlloc(pool, 64);
    CHECK(LOS_MemFree(pool, q + 8) == LOS_NOK, "interior pointer free");
    CHECK(LOS_MemFree(pool, NULL) == LOS_NOK, "NULL pointer free");
    CHECK(LOS_MemFree(NULL, q) == LOS_NOK, "NULL pool free");
    CHECK(LOS_MemFree(pool, q + 1) == LOS_NOK, "unaligned pointer free");
    CHECK(LOS_MemFree(pool, q) == LOS_OK, "the real free still works");
    CHECK(g_notHeap[3] == 4 && g_notHeap[4] == 5, "the foreign free wrote into the image");

    LOS_KernelFree(&g_notHeap[8]); /* void: the host logs "KernelFree ... failed" and carries on */
    UINT8 *r = LOS_KernelMalloc(48);
    CHECK(r != NULL, "heap usable after the bad frees");
    LOS_KernelFree(r);
    CHECK(LOS_MemIntegrityCheck(pool) == LOS_OK, "integrity check after bad frees");
    return hr_test_end("test_free_errors");
}
