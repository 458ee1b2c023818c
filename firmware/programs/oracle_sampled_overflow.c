/*
 * A deliberate one-byte heap overflow for the memory-safety oracle's sampling (--sanitize --sanitize-sample 1):
 * stamp_record writes record[len], one past the 40-byte block new_record allocated. A sampled block ends where its
 * page ends and the next page is an unmapped guard page, so the store takes a data abort and the host reports an
 * out-of-bounds write at stamp_record's store, maps the guard back and lets the firmware go on. Plain --sanitize
 * finds the same byte in the block's redzone when drop_record frees it, without the PC; without --sanitize the byte
 * lands in the next node's header, and the free in drop_record finds that as a heap-overflow.
 */
#include "hr_runtime.h"
#include "hr_oracle.h"
#include "los_memory.h"

#define RECORD_BYTES 40

HR_ORACLE_SITE static UINT8 *new_record(void)
{
    return LOS_MemAlloc(m_aucSysMem1, RECORD_BYTES);
}

HR_ORACLE_SITE static void stamp_record(volatile UINT8 *record, UINT32 len)
{
    record[len] = 0x7F;
}

HR_ORACLE_SITE static void drop_record(UINT8 *record)
{
    (void)LOS_MemFree(m_aucSysMem1, record);
}

int hr_main(void)
{
    UINT8 *record = new_record();
    stamp_record(record, RECORD_BYTES);
    hr_printf("sampled_overflow: stamped one byte past the record\n");
    drop_record(record);
    return 0;
}
