/*
 * Deliberate invalid frees for the memory-safety oracle: free_payload frees a pointer 16 bytes into a block that
 * parse_packet allocated (interior pointer), then drop_with_vfree hands a heap block from parse_packet to LOS_VFree
 * (wrong API). The model refuses both as LiteOS-A does; the host reports each with the block's allocation site.
 */
#include "hr_runtime.h"
#include "hr_oracle.h"
#include "los_memory.h"
#include "los_vm_map.h"

HR_ORACLE_SITE static UINT8 *parse_packet(UINT32 size)
{
    return LOS_MemAlloc(m_aucSysMem1, size);
}

HR_ORACLE_SITE static UINT32 free_payload(UINT8 *payload)
{
    return LOS_MemFree(m_aucSysMem1, payload);
}

HR_ORACLE_SITE static void drop_with_vfree(UINT8 *block)
{
    LOS_VFree(block);
}

int hr_main(void)
{
    UINT8 *packet = parse_packet(64);
    UINT32 r = free_payload(packet + 16);
    hr_printf("invalid_free: interior LOS_MemFree returned %u\n", r);
    UINT8 *other = parse_packet(32);
    drop_with_vfree(other);
    hr_printf("invalid_free: LOS_VFree of a heap block returned\n");
    (void)LOS_MemFree(m_aucSysMem1, other);
    (void)LOS_MemFree(m_aucSysMem1, packet);
    return 0;
}
