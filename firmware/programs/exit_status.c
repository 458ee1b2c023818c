/* Exits with a status an 8-bit process exit code cannot carry: the host reports it and maps it (firmware/ABI.md). */
#include "hr_runtime.h"

int hr_main(void)
{
    hr_printf("exit_status: returning 300, which does not fit an exit code\n");
    return 300;
}
