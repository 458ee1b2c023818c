/*
 * A deliberate heap overflow for the memory-safety oracle: fill_name writes 12 bytes past the 32-byte block from
 * new_record, over the next node's header. LOS_MemIntegrityCheck (called by check_heap) panics as the kernel's does
 * (exit 5), and the host reports a heap-overflow of the block new_record allocated, found in check_heap.
 */
#include "hr_runtime.h"
#include "hr_oracle.h"
#include "los_memory.h"

HR_ORACLE_SITE static UINT8 *new_record(UINT32 size)
{
    return LOS_MemAlloc(m_aucSysMem1, size);
}

HR_ORACLE_SITE static void fill_name(volatile UINT8 *name, UINT32 len)
{
    for (UINT32 i = 0; i < len; i++) {
        name[i] = 'A';
    }
}

HR_ORACLE_SITE static UINT32 check_heap(void)
{
    return LOS_MemIntegrityCheck(m_aucSysMem1);
}

int hr_main(void)
{
    UINT8 *record = new_record(32);
    UINT8 *next = new_record(32);
    fill_name(record, (UINT32)(next - record));
    hr_printf("overflow: wrote over the next header\n");
    hr_printf("overflow: LOS_MemIntegrityCheck returned %u\n", check_heap());
    return 0;
}
