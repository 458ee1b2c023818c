/*
 * LOS_* functions with real bodies, some compiled as Thumb: the host redirects each entry to the model before the
 * first instruction (firmware/ABI.md, "Hypercalls"), so the bodies never run and every pointer comes from the
 * model's heap. The runtime's trapping bodies are weak; these replace them at link time, as a kernel's own would.
 */
#include "hr_test.h"
#include "los_memory.h"
#include "los_vm_map.h"

static UINT32 g_realBodyRuns;
static UINT8 g_fakeHeap[256] __attribute__((aligned(8)));

/* noipa: bodies in the caller's file must not be inlined, as a kernel's bodies in other files are not. */
__attribute__((noipa)) VOID *LOS_KernelMalloc(UINT32 size)
{
    g_realBodyRuns++;
    return size <= sizeof(g_fakeHeap) ? g_fakeHeap : NULL;
}

__attribute__((noipa)) VOID LOS_KernelFree(VOID *ptr)
{
    (void)ptr;
    g_realBodyRuns++;
}

__attribute__((target("thumb"), noipa)) VOID *LOS_MemAlloc(VOID *pool, UINT32 size)
{
    (void)pool;
    (void)size;
    g_realBodyRuns++;
    return g_fakeHeap;
}

__attribute__((target("thumb"), noipa)) UINT32 LOS_MemFree(VOID *pool, VOID *ptr)
{
    (void)pool;
    (void)ptr;
    g_realBodyRuns++;
    return LOS_NOK;
}

/* A Thumb caller: its bl reaches a Thumb entry, the hypercall returns to it through an interworking pop. */
__attribute__((target("thumb"), noipa)) static VOID *ThumbCaller(UINT32 size)
{
    return LOS_MemAlloc(m_aucSysMem1, size);
}

static BOOL InSystemPool(const VOID *p)
{
    UINT32 start = (UINT32)m_aucSysMem1;
    return (UINT32)p > start && (UINT32)p < start + LOS_MemPoolSizeGet(m_aucSysMem1);
}

int hr_main(void)
{
    VOID *a = LOS_MemAlloc(m_aucSysMem1, 40);
    VOID *b = ThumbCaller(24);
    VOID *k = LOS_KernelMalloc(64);
    CHECK(InSystemPool(a), "LOS_MemAlloc (Thumb entry) gave %p, not the model's pool", a);
    CHECK(InSystemPool(b), "LOS_MemAlloc from a Thumb caller gave %p", b);
    CHECK(InSystemPool(k), "LOS_KernelMalloc (ARM entry) gave %p", k);
    CHECK(a != b && b != k && a != k, "three different blocks: %p %p %p", a, b, k);
    CHECK(LOS_MemFree(m_aucSysMem1, a) == LOS_OK, "LOS_MemFree of a model block");
    CHECK(LOS_MemFree(m_aucSysMem1, b) == LOS_OK, "LOS_MemFree of a model block");
    LOS_KernelFree(k);
    /* What boot leaves used: the four kernel-space regions OsSetKSectionAttr reserves (64 bytes + a 12-byte head each)
     * and the pool's end sentinel (12). */
    CHECK(LOS_MemTotalUsedGet(m_aucSysMem1) == 4 * 76 + 12, "heap back to its boot state, used %u", LOS_MemTotalUsedGet(m_aucSysMem1));
    CHECK(g_realBodyRuns == 0, "a real body ran %u times", g_realBodyRuns);
    hr_printf("real bodies: 3 blocks from the model's pool, real bodies ran %u times\n", g_realBodyRuns);
    return hr_test_end("test_real_bodies");
}
