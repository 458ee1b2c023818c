/*
 * A deliberate use-after-free of a page block for the memory-safety oracle: LOS_KernelMalloc of 64 KiB takes whole
 * pages (KMALLOC_LARGE_SIZE and up), and blank_frame writes into it after release_frame gave it back. On LiteOS-A,
 * and here without --sanitize, the kernel's linear map still maps those pages, so the write lands unseen. Under
 * --sanitize the freed pages are taken out of that map while they wait in the quarantine: the store takes a data
 * abort, the host reports a use-after-free at blank_frame's store with the block alloc_frame allocated and
 * release_frame freed, maps the page back, and the firmware goes on.
 */
#include "hr_runtime.h"
#include "hr_oracle.h"
#include "los_vm_map.h"

#define FRAME_BYTES (64 * 1024)

HR_ORACLE_SITE static UINT32 *alloc_frame(void)
{
    return LOS_KernelMalloc(FRAME_BYTES);
}

HR_ORACLE_SITE static void release_frame(UINT32 *frame)
{
    LOS_KernelFree(frame);
}

HR_ORACLE_SITE static void blank_frame(volatile UINT32 *frame)
{
    frame[1024 + 1] = 0;
}

int hr_main(void)
{
    UINT32 *frame = alloc_frame();
    hr_printf("page_uaf: frame of %u bytes\n", FRAME_BYTES);
    release_frame(frame);
    blank_frame(frame);
    hr_printf("page_uaf: wrote into the freed frame\n");
    return 0;
}
