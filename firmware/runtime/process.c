/*
 * User processes: switching TTBR0 to a model space, loading the linked user image, entering USR mode.
 * One process at a time; the firmware is its own (single) kernel task.
 */
#include "hr_runtime.h"

/* Linker symbols of the user image (firmware/linker.ld): linked at __user_start, loaded at __user_load_start. */
extern UINT8 __user_start[];
extern UINT8 __user_end[];
extern UINT8 __user_load_start[];

#define USER_STACK_SIZE 0x10000U

static inline void Isb(void)
{
    __asm__ volatile("isb" ::: "memory");
}

/*
 * LOS_ArchMmuContextSwitch (spec section 4.4): ASID 0 while TTBR0 changes, then the space's ASID
 * (ARM ARM B3.10.4). No TLB flush: user entries are nG and tagged with the ASID.
 */
void OsSwitchVmSpace(LosVmSpace *space)
{
    HrMmuContext ctx = { 0, 0, 0 };
    if (hr_vm_space_activate(space, &ctx) != 0) {
        hr_printf("OsSwitchVmSpace: host refused space %p\n", space);
        hr_exit(HR_EXIT_KERNEL_PANIC);
    }
    __asm__ volatile("mcr p15, 0, %0, c13, c0, 1" ::"r"(0U) : "memory");
    Isb();
    __asm__ volatile("mcr p15, 0, %0, c2, c0, 0" ::"r"(ctx.ttbr0) : "memory");
    Isb();
    __asm__ volatile("mcr p15, 0, %0, c2, c0, 2" ::"r"(ctx.ttbcr) : "memory");
    Isb();
    if (space != NULL) {
        __asm__ volatile("mcr p15, 0, %0, c13, c0, 1" ::"r"(ctx.contextidr) : "memory");
        Isb();
    }
}

int hr_user_load(void)
{
    UINT32 imageSize = (UINT32)(__user_end - __user_start);
    UINT32 mapSize = ROUNDUP(imageSize, PAGE_SIZE);
    VADDR_T image = LOS_MMap((VADDR_T)__user_start, mapSize, PROT_READ | PROT_WRITE | PROT_EXEC,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (image != (VADDR_T)__user_start) {
        hr_printf("hr_user_run: LOS_MMap of the user image failed: %d\n", (int)image);
        return -1;
    }
    /* Kernel-mode writes to the fresh region: each page arrives by a demand fault (spec section 5.2). */
    memcpy((void *)image, __user_load_start, imageSize);
    __asm__ volatile("mcr p15, 0, %0, c7, c5, 0\n dsb\n isb" ::"r"(0U) : "memory"); /* ICIALLU */
    return 0;
}

int hr_user_start(UINT32 entry, UINT32 arg)
{
    VADDR_T stack = LOS_MMap(0, USER_STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if ((INT32)stack < 0 || stack == 0) {
        hr_printf("hr_user_run: LOS_MMap of the user stack failed: %d\n", (int)stack);
        return -1;
    }
    return hr_user_enter(entry, stack + USER_STACK_SIZE, arg);
}

int hr_user_run(UINT32 entry, UINT32 arg)
{
    if (hr_user_load() != 0) {
        return -1;
    }
    return hr_user_start(entry, arg);
}

int hr_process_run(UINT32 entry, UINT32 arg)
{
    LosVmSpace *space = OsCreateUserVmSpace();
    if (space == NULL) {
        hr_puts("hr_process_run: OsCreateUserVmSpace failed\n");
        return -1;
    }
    OsSwitchVmSpace(space);
    int status = hr_user_run(entry, arg);
    OsSwitchVmSpace(NULL);
    STATUS_T freed = LOS_VmSpaceFree(space);
    if (freed != 0) {
        hr_printf("hr_process_run: LOS_VmSpaceFree returned %d\n", freed);
    }
    return status;
}
