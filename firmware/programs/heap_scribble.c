/*
 * A heap overrun the firmware itself never notices: it writes over the next node's header and exits 0 without
 * asking LOS_MemIntegrityCheck (which would panic: heap_overflow). Only the host's invariant check at exit
 * (harmony-renode run --check-invariants, exit 6) names the broken node.
 */
#include "hr_runtime.h"
#include "los_memory.h"

int hr_main(void)
{
    UINT8 *a = LOS_MemAlloc(m_aucSysMem1, 32);
    UINT8 *b = LOS_MemAlloc(m_aucSysMem1, 32);
    memset(a, 0xEE, (UINT32)(b - a));
    hr_printf("scribble: wrote over the header after a %u-byte block\n", (unsigned)(b - a - 12));
    return 0;
}
