/*
 * LOS_VMalloc of several MiB in the vmalloc window (0xC0000000), touched page by page through the model's tables,
 * cross-checked through the kernel window alias of each page's PA, then freed; the same VA comes back first fit.
 */
#include "hr_test.h"
#include "los_vm_map.h"

#define VMALLOC_BYTES (4U << 20)
#define PAGES (VMALLOC_BYTES / PAGE_SIZE)

int hr_main(void)
{
    UINT8 *base = LOS_VMalloc(VMALLOC_BYTES);
    CHECK(base != NULL, "LOS_VMalloc(4 MiB) returned NULL");
    if (base == NULL) {
        return hr_test_end("test_vmalloc");
    }
    CHECK((UINT32)base >= VMALLOC_START && (UINT32)base + VMALLOC_BYTES <= PERIPH_DEVICE_BASE, "%p outside vmalloc", base);
    hr_printf("vmalloc: %u KiB at %p\n", VMALLOC_BYTES / 1024, base);

    for (UINT32 i = 0; i < PAGES; i++) {
        UINT32 *page = (UINT32 *)(base + i * PAGE_SIZE);
        page[0] = 0xA5000000U | i;
        page[1023] = ~i;
    }
    UINT32 bad = 0;
    UINT32 aliasChecked = 0;
    for (UINT32 i = 0; i < PAGES; i++) {
        UINT32 *page = (UINT32 *)(base + i * PAGE_SIZE);
        if (page[0] != (0xA5000000U | i) || page[1023] != ~i) {
            bad++;
        }
        if ((i & 63U) == 0) {
            PADDR_T pa = LOS_PaddrQuery(page);
            CHECK(pa != 0, "LOS_PaddrQuery(%p) = 0", page);
            /* arm_virt: kernel VA == PA for RAM, so the same word must be visible through the kernel window. */
            volatile UINT32 *alias = (volatile UINT32 *)pa;
            CHECK(pa == 0 || alias[0] == (0xA5000000U | i), "page %u: kernel alias %#x reads %#x", i, pa, alias[0]);
            aliasChecked++;
        }
    }
    CHECK(bad == 0, "%u pages lost their pattern", bad);
    hr_printf("vmalloc: %u pages touched and verified, %u through the kernel alias\n", PAGES, aliasChecked);

    LOS_VFree(base);
    UINT8 *again = LOS_VMalloc(1U << 20);
    CHECK(again == base, "first fit after LOS_VFree: got %p, expected %p", again, base);
    LOS_VFree(again);
    return hr_test_end("test_vmalloc");
}
