/*
 * A deliberate vmalloc use-after-free for the memory-safety oracle: read_stale reads a table drop_table already gave
 * back with LOS_VFree. The area is unmapped, so the read takes a kernel data abort (a kernel panic, exit 5, as on
 * LiteOS-A) and the host reports a use-after-free at read_stale's faulting instruction, with the area allocated in
 * make_table and freed in drop_table.
 */
#include "hr_runtime.h"
#include "hr_oracle.h"
#include "los_vm_map.h"

HR_ORACLE_SITE static UINT32 *make_table(void)
{
    return LOS_VMalloc(2 * 4096);
}

HR_ORACLE_SITE static void drop_table(UINT32 *table)
{
    LOS_VFree(table);
}

HR_ORACLE_SITE static UINT32 read_stale(volatile UINT32 *table)
{
    return table[1024 + 3];
}

int hr_main(void)
{
    UINT32 *table = make_table();
    table[1024 + 3] = 7;
    hr_printf("vmalloc_uaf: table at %p\n", table);
    drop_table(table);
    UINT32 value = read_stale(table);
    hr_printf("vmalloc_uaf: read %u after the free (not reached)\n", value);
    return 0;
}
