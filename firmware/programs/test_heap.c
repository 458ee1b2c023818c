/*
 * Kernel heap through the hooked allocator: LOS_KernelMalloc/LOS_KernelFree of many sizes (heap and, from 16 KiB,
 * the page allocator), data patterns checked after random churn, realloc keeping contents, direct LOS_MemAlloc on
 * the system pool. Every byte the guest wrote must still be there: the host's heap headers live between them.
 */
#include "hr_test.h"
#include "los_memory.h"
#include "los_vm_map.h"

#define SLOTS 96
#define CHURN_STEPS 3000

static UINT8 *g_ptr[SLOTS];
static UINT32 g_size[SLOTS];
static UINT32 g_tag[SLOTS];
static UINT32 g_seed = 0x2545F491U;

static const UINT32 SIZES[] = { 1, 4, 7, 8, 12, 16, 24, 31, 32, 48, 63, 64, 100, 128, 255, 256, 511, 512, 1000, 1024,
                                2048, 4000, 4096, 8192, 16383, 16384, 20000, 65536 };
#define NSIZES (sizeof(SIZES) / sizeof(SIZES[0]))

static UINT32 Rand(void)
{
    g_seed ^= g_seed << 13;
    g_seed ^= g_seed >> 17;
    g_seed ^= g_seed << 5;
    return g_seed;
}

static void Pattern(UINT8 *p, UINT32 n, UINT32 tag)
{
    for (UINT32 i = 0; i < n; i++) {
        p[i] = (UINT8)(tag * 31U + i * 7U);
    }
}

static BOOL PatternOk(const UINT8 *p, UINT32 n, UINT32 tag)
{
    for (UINT32 i = 0; i < n; i++) {
        if (p[i] != (UINT8)(tag * 31U + i * 7U)) {
            hr_printf("  pattern broken at %p+%u (size %u)\n", p, i, n);
            return FALSE;
        }
    }
    return TRUE;
}

static void AllocSlot(int i, UINT32 size, UINT32 tag)
{
    g_ptr[i] = LOS_KernelMalloc(size);
    g_size[i] = size;
    g_tag[i] = tag;
    CHECK(g_ptr[i] != NULL, "LOS_KernelMalloc(%u) returned NULL", size);
    if (g_ptr[i] == NULL) {
        return;
    }
    CHECK(((UINT32)g_ptr[i] & 3U) == 0, "LOS_KernelMalloc(%u) = %p not 4-byte aligned", size, g_ptr[i]);
    CHECK((UINT32)g_ptr[i] >= KERNEL_ASPACE_BASE && (UINT32)g_ptr[i] < 0x80000000U, "%p outside the kernel window", g_ptr[i]);
    if (size >= 16384) {
        CHECK(((UINT32)g_ptr[i] & (PAGE_SIZE - 1)) == 0, "large block %p (size %u) not page aligned", g_ptr[i], size);
    }
    Pattern(g_ptr[i], size, tag);
}

static void FreeSlot(int i)
{
    CHECK(PatternOk(g_ptr[i], g_size[i], g_tag[i]), "slot %d (%p, %u bytes) corrupted before free", i, g_ptr[i], g_size[i]);
    LOS_KernelFree(g_ptr[i]);
    g_ptr[i] = NULL;
}

int hr_main(void)
{
    CHECK(m_aucSysMem1 != NULL, "m_aucSysMem1 not set by the host");
    UINT32 usedBefore = LOS_MemTotalUsedGet(m_aucSysMem1);

    for (UINT32 i = 0; i < NSIZES; i++) {
        AllocSlot((int)i, SIZES[i], i);
    }
    hr_printf("heap: %u sizes allocated, 1..65536 bytes\n", (UINT32)NSIZES);
    for (UINT32 i = 0; i < NSIZES; i++) {
        FreeSlot((int)i);
    }

    UINT32 allocs = 0;
    for (int step = 0; step < CHURN_STEPS; step++) {
        int i = (int)(Rand() % SLOTS);
        if (g_ptr[i] != NULL) {
            FreeSlot(i);
        } else {
            UINT32 r = Rand();
            UINT32 size = (r & 0x10) ? SIZES[r % NSIZES] : 1 + (r >> 20) % 3000;
            AllocSlot(i, size, (UINT32)step);
            allocs++;
        }
    }
    for (int i = 0; i < SLOTS; i++) {
        if (g_ptr[i] != NULL) {
            FreeSlot(i);
        }
    }
    hr_printf("heap: churn of %d steps (%u allocations) kept every pattern\n", CHURN_STEPS, allocs);

    UINT8 *p = LOS_KernelMalloc(40);
    Pattern(p, 40, 77);
    p = LOS_KernelRealloc(p, 3000);
    CHECK(p != NULL && PatternOk(p, 40, 77), "LOS_KernelRealloc lost the first 40 bytes");
    LOS_KernelFree(p);

    UINT8 *q = LOS_MemAlloc(m_aucSysMem1, 200);
    CHECK(q != NULL, "LOS_MemAlloc(sysmem, 200) returned NULL");
    Pattern(q, 200, 5);
    UINT8 *a = LOS_MemAllocAlign(m_aucSysMem1, 100, 64);
    CHECK(a != NULL && ((UINT32)a & 63U) == 0, "LOS_MemAllocAlign(100, 64) = %p", a);
    CHECK(LOS_MemFree(m_aucSysMem1, a) == LOS_OK, "free of aligned block");
    CHECK(PatternOk(q, 200, 5), "LOS_MemAlloc block corrupted");
    CHECK(LOS_MemFree(m_aucSysMem1, q) == LOS_OK, "LOS_MemFree of a live block");

    CHECK(LOS_MemIntegrityCheck(m_aucSysMem1) == LOS_OK, "integrity check");
    UINT32 usedAfter = LOS_MemTotalUsedGet(m_aucSysMem1);
    CHECK(usedAfter == usedBefore, "heap used %u before, %u after freeing everything", usedBefore, usedAfter);
    hr_printf("heap: used %u bytes before and %u after\n", usedBefore, usedAfter);
    return hr_test_end("test_heap");
}
