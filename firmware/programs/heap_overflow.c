/*
 * A guest bug the model must catch: a buffer overrun writes into the next heap node's header, which the host
 * keeps a shadow of. LOS_MemIntegrityCheck then does what the kernel's does (kernel/base/mem/tlsf/los_memory.c,
 * OsMemIntegrityCheckError): LOS_Panic("Memory integrity check error, cur node: <b's node>, pre node: <a's node>"),
 * so the run ends as a kernel panic (exit 5) and the line after the check never prints.
 */
#include "hr_runtime.h"
#include "los_memory.h"

int hr_main(void)
{
    UINT8 *a = LOS_MemAlloc(m_aucSysMem1, 32);
    UINT8 *b = LOS_MemAlloc(m_aucSysMem1, 32);
    hr_printf("overflow: blocks at %p and %p\n", a, b);
    /* 32 bytes of a, then the 12-byte header of b (magic, ptr.prev, sizeAndFlag). */
    memset(a, 0xEE, (UINT32)(b - a));
    UINT32 check = LOS_MemIntegrityCheck(m_aucSysMem1);
    hr_printf("overflow: LOS_MemIntegrityCheck returned %u\n", check);
    return 0;
}
