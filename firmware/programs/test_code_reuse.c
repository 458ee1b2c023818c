/*
 * A page that held executed code is handed out again with other code at the same VA: the second process must run
 * the new code, not a translation an emulator kept from the first (QEMU translates guest code and does not see
 * host stores to shared RAM; the host therefore never writes bytes the guest will run: firmware/ABI.md).
 */
#include "hr_test.h"

void code_reuse_main(UINT32 arg);
int reuse_value(void);

#define MOV_R0_2 0xE3A00002U /* mov r0, #2 (A1 encoding) */

static int RunProcess(BOOL patch, PADDR_T *codePage)
{
    LosVmSpace *space = OsCreateUserVmSpace();
    OsSwitchVmSpace(space);
    int status = hr_user_load();
    if (status == 0) {
        *codePage = LOS_PaddrQuery((VOID *)reuse_value);
        if (patch) {
            /*
             * The kernel changes the loaded copy, as a loader applying a relocation would: through the page's kernel
             * alias (VA == PA in the kernel window), since the text region is read + execute as los_load_elf.c maps it.
             */
            *(volatile UINT32 *)(UINTPTR)*codePage = MOV_R0_2;
            __asm__ volatile("dsb\n mcr p15, 0, %0, c7, c5, 0\n dsb\n isb" ::"r"(0U) : "memory"); /* ICIALLU */
        }
        status = hr_user_start((UINT32)code_reuse_main, 0);
    }
    OsSwitchVmSpace(NULL);
    LOS_VmSpaceFree(space);
    return status;
}

int hr_main(void)
{
    PADDR_T first = 0;
    PADDR_T second = 0;
    int before = RunProcess(FALSE, &first);
    int after = RunProcess(TRUE, &second);
    CHECK(before == 1, "first process ran reuse_value() = %d", before);
    CHECK(after == 2, "second process ran reuse_value() = %d, the first process's code", after);
    CHECK(first == second, "the code page was handed out again (%#x, then %#x)", first, second);
    hr_printf("code reuse: first process returned %d, second %d, code page %s\n", before, after,
              first == second ? "reused" : "not reused");
    return hr_test_end("test_code_reuse");
}
