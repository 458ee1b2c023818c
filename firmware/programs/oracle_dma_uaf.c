/*
 * A deliberate use-after-free of an uncached DMA buffer for the memory-safety oracle: a driver allocates a 20 KiB
 * DMA_NOCACHE buffer (page-backed, used through the uncached alias of RAM, VMM_TO_UNCACHED_ADDR), frees it with
 * LOS_DmaMemFree, and its completion handler still reads the descriptor the device wrote. On LiteOS-A, and here
 * without --sanitize, the alias stays mapped and the read returns stale data unseen. Under --sanitize the freed pages
 * leave both the kernel window and the uncached alias while they wait in the quarantine: the load takes a data
 * abort, the host reports a use-after-free at read_completion through the alias, maps the page back, and the
 * firmware goes on.
 */
#include "hr_runtime.h"
#include "hr_oracle.h"
#include "los_vm_iomap.h"

#define RING_BYTES (20 * 1024)

HR_ORACLE_SITE static volatile UINT32 *open_ring(DMA_ADDR_T *bus)
{
    return LOS_DmaMemAlloc(bus, RING_BYTES, 64, DMA_NOCACHE);
}

HR_ORACLE_SITE static void close_ring(volatile UINT32 *ring)
{
    LOS_DmaMemFree((VOID *)ring);
}

HR_ORACLE_SITE static UINT32 read_completion(volatile UINT32 *ring)
{
    return ring[1024 + 2];
}

int hr_main(void)
{
    DMA_ADDR_T bus = 0;
    volatile UINT32 *ring = open_ring(&bus);
    if (ring == NULL) {
        hr_printf("dma_uaf: no buffer\n");
        return 1;
    }
    ring[1024 + 2] = 0xC0FFEE;
    hr_printf("dma_uaf: ring of %u bytes for the device\n", RING_BYTES);
    close_ring(ring);
    (void)read_completion(ring);
    hr_printf("dma_uaf: read the freed ring\n");
    return 0;
}
