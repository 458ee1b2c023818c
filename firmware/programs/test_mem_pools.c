/*
 * Private TLSF pools next to the system pool (kernel/base/mem/tlsf/los_memory.c): LOS_MemInit on a static buffer and
 * on a buffer taken from m_aucSysMem1, allocations from each, LOS_MemInfoGet's counts, expansion on demand, the
 * LOSCFG_MEM_MUL_POOL calls (LOS_MemPoolList, LOS_MemDeInit) and the error codes of each.
 * Expected numbers: the pool head is 936 bytes and a node head 12 (ABI.md, "Pools"), so a fresh pool of S bytes holds
 * one free node of S - 936 - 12 bytes and the last sentinel (one used node of 12 bytes), and its first allocation
 * starts at pool + 936 + 12.
 */
#include "hr_test.h"
#include "los_memory.h"

#define POOL_A_SIZE 16384u
#define POOL_B_SIZE 8192u

static UINT8 g_poolA[POOL_A_SIZE] __attribute__((aligned(8)));
static UINT32 g_notPool[4];

int hr_main(void)
{
    VOID *sys = m_aucSysMem1;
    VOID *a = g_poolA;
    LOS_MEM_POOL_STATUS st;

    CHECK(LOS_MemInit(NULL, POOL_A_SIZE) == OS_ERROR, "NULL pool");
    CHECK(LOS_MemInit(a, 948) == OS_ERROR, "948 bytes is OS_MEM_MIN_POOL_SIZE, not more");
    CHECK(LOS_MemInit(a, POOL_A_SIZE) == LOS_OK, "LOS_MemInit(A)");
    UINT32 *head = (UINT32 *)a;
    CHECK(head[0] == (UINT32)a && head[1] == POOL_A_SIZE && head[2] == 2,
          "pool head info {pool, totalSize, attr}: %x %x %x", head[0], head[1], head[2]);
    CHECK(LOS_MemPoolSizeGet(a) == POOL_A_SIZE, "pool size");
    CHECK(LOS_MemInfoGet(a, &st) == LOS_OK, "LOS_MemInfoGet(A)");
    hr_printf("pools: fresh A used 0x%x free 0x%x maxFree 0x%x usedNodes %u freeNodes %u\n", st.totalUsedSize,
              st.totalFreeSize, st.maxFreeNodeSize, st.usedNodeNum, st.freeNodeNum);
    CHECK(st.totalFreeSize == POOL_A_SIZE - 936 - 12 && st.totalUsedSize == 12, "fresh counts");

    UINT8 *p = LOS_MemAlloc(a, 100);
    CHECK(p == (UINT8 *)a + 936 + 12, "first allocation of A at %p", p);
    hr_printf("pools: first allocation at A + 0x%x\n", (unsigned)(p - (UINT8 *)a));
    CHECK(LOS_MemInfoGet(a, &st) == LOS_OK && st.totalUsedSize == 12 + 112 && st.usedNodeNum == 2,
          "after 100 bytes (a 112-byte node): used 0x%x nodes %u", st.totalUsedSize, st.usedNodeNum);
    CHECK(LOS_MemInfoGet(a, NULL) == LOS_NOK, "NULL status");
    CHECK(LOS_MemInfoGet(g_notPool, &st) == LOS_NOK, "not a pool");

    /* B lives in the system heap, inside one of its used nodes. */
    UINT8 *b = LOS_MemAlloc(sys, POOL_B_SIZE);
    CHECK(b != NULL, "buffer for B");
    CHECK(LOS_MemInit(b, POOL_B_SIZE) == LOS_OK, "LOS_MemInit(B) in a system-heap buffer");
    UINT8 *q = LOS_MemAlloc(b, 200);
    CHECK(q == b + 936 + 12, "first allocation of B");
    CHECK(LOS_MemFree(b, p) == LOS_NOK, "A's block freed into B");
    CHECK(LOS_MemFree(sys, q) == LOS_NOK, "B's block freed into the system pool");
    CHECK(LOS_MemFree(b, q) == LOS_OK, "B's block freed into B");

    /* A pool over another pool's heads is refused; the system pool is untouched. */
    CHECK(LOS_MemInit((UINT8 *)a + 64, 4096) == OS_ERROR, "pool over A's head");
    CHECK(LOS_MemInit((UINT8 *)sys + 16, 4096) == OS_ERROR, "pool over the system pool's head");
    CHECK(LOS_MemInit(sys, 4096) == OS_ERROR, "LOS_MemInit on m_aucSysMem1");

    /* C nests inside a block of A. */
    UINT8 *c = LOS_MemAlloc(a, 4096);
    CHECK(LOS_MemInit(c, 4096) == LOS_OK, "LOS_MemInit(C) inside A's block");
    UINT32 pools = LOS_MemPoolList();
    CHECK(pools == 4, "LOS_MemPoolList %u", pools);
    hr_printf("pools: LOS_MemPoolList returned %u\n", pools);
    CHECK(LOS_MemFreeNodeShow(c) == LOS_OK, "LOS_MemFreeNodeShow(C)");
    CHECK(LOS_MemFreeNodeShow(g_notPool) == LOS_NOK, "LOS_MemFreeNodeShow(not a pool)");

    /* Without expansion B cannot serve more than it holds; with it, the pool grows from the page allocator. */
    CHECK(LOS_MemAlloc(b, 3 * POOL_B_SIZE) == NULL, "B without expansion");
    LOS_MemExpandEnable(b);
    CHECK(((UINT32 *)b)[2] == 3, "attr after LOS_MemExpandEnable: %x", ((UINT32 *)b)[2]);
    UINT8 *big = LOS_MemAlloc(b, 3 * POOL_B_SIZE);
    CHECK(big != NULL && LOS_MemPoolSizeGet(b) > POOL_B_SIZE, "B expanded to 0x%x", LOS_MemPoolSizeGet(b));
    CHECK(LOS_MemFree(b, big) == LOS_OK, "free the expansion's block");
    CHECK(LOS_MemIntegrityCheck(a) == LOS_OK && LOS_MemIntegrityCheck(b) == LOS_OK &&
          LOS_MemIntegrityCheck(c) == LOS_OK, "integrity of A, B, C");

    CHECK(LOS_MemDeInit(c) == LOS_OK, "LOS_MemDeInit(C)");
    CHECK(((UINT32 *)c)[0] == 0 && ((UINT32 *)c)[1] == 0, "C's head zeroed");
    CHECK(LOS_MemDeInit(c) == OS_ERROR, "C again");
    CHECK(LOS_MemAlloc(c, 16) == NULL, "no allocation from a removed pool");
    CHECK(LOS_MemDeInit(sys) == OS_ERROR, "the system pool stays");
    CHECK(LOS_MemDeInit(NULL) == OS_ERROR, "NULL");
    CHECK(LOS_MemFree(a, c) == LOS_OK && LOS_MemFree(a, p) == LOS_OK, "A's blocks back");
    CHECK(LOS_MemInfoGet(a, &st) == LOS_OK && st.totalFreeSize == POOL_A_SIZE - 936 - 12 && st.freeNodeNum == 1,
          "A whole again: free 0x%x in %u nodes", st.totalFreeSize, st.freeNodeNum);
    CHECK(LOS_MemDeInit(a) == LOS_OK && LOS_MemDeInit(b) == LOS_OK, "LOS_MemDeInit(A, B)");
    CHECK(LOS_MemPoolList() == 1, "only the system pool is left");
    CHECK(LOS_MemFree(sys, b) == LOS_OK, "B's buffer back to the system pool");
    CHECK(LOS_MemIntegrityCheck(sys) == LOS_OK, "system pool intact");
    return hr_test_end("test_mem_pools");
}
