/*
 * Deliberate leaks for the memory-safety oracle: boot_buffer's block lives forever on purpose and is allocated
 * before hr_leak_mark, so the report leaves it out; three blocks from cache_entry and one from load_config are never
 * freed, and one from cache_entry is. The leak report at exit lists load_config (5000 bytes) first, then cache_entry
 * (3 blocks, 300 bytes). Leaks alone do not fail the run.
 */
#include "hr_runtime.h"
#include "hr_oracle.h"
#include "los_memory.h"
#include "los_vm_map.h"

HR_ORACLE_SITE static VOID *boot_buffer(void)
{
    return LOS_MemAlloc(m_aucSysMem1, 256);
}

HR_ORACLE_SITE static VOID *cache_entry(void)
{
    return LOS_MemAlloc(m_aucSysMem1, 100);
}

HR_ORACLE_SITE static VOID *load_config(void)
{
    return LOS_KernelMalloc(5000);
}

int hr_main(void)
{
    (void)boot_buffer();
    hr_leak_mark();
    for (int i = 0; i < 3; i++) {
        (void)cache_entry();
    }
    VOID *freed = cache_entry();
    (void)LOS_MemFree(m_aucSysMem1, freed);
    (void)load_config();
    hr_printf("leak: 4 blocks left allocated\n");
    return 0;
}
