/*
 * A deliberate use-after-free of a single page for the memory-safety oracle: a driver takes a page with
 * LOS_PhysPageAlloc, uses it through the kernel's linear map (LOS_PaddrToKVaddr of its physAddr), gives it back with
 * LOS_PhysPageFree and then clears a word of it. On LiteOS-A, and here without --sanitize, the page stays mapped and
 * the store lands unseen. Under --sanitize the page's last reference takes it out of the linear map while it waits in
 * the quarantine: the store takes a data abort, the host reports a use-after-free at clear_status with the page
 * grab_ring_page allocated and drop_ring_page freed, maps the page back, and the firmware goes on.
 */
#include "hr_runtime.h"
#include "hr_oracle.h"
#include "los_vm_page.h"
#include "los_vm_phys.h"

HR_ORACLE_SITE static LosVmPage *grab_ring_page(void)
{
    return LOS_PhysPageAlloc();
}

HR_ORACLE_SITE static void drop_ring_page(LosVmPage *page)
{
    LOS_PhysPageFree(page);
}

HR_ORACLE_SITE static void clear_status(volatile UINT32 *ring)
{
    ring[3] = 0;
}

int hr_main(void)
{
    LosVmPage *page = grab_ring_page();
    if (page == NULL) {
        hr_printf("single_page_uaf: no page\n");
        return 1;
    }
    volatile UINT32 *ring = (volatile UINT32 *)LOS_PaddrToKVaddr(page->physAddr);
    ring[3] = 0x5A5A5A5A;
    hr_printf("single_page_uaf: ring page in use\n");
    drop_ring_page(page);
    clear_status(ring);
    hr_printf("single_page_uaf: wrote into the freed page\n");
    return 0;
}
