/*
 * errno of the one kernel task (compat/posix/src/errno.c returns &OsCurrTaskGet()->errorNo). The host stores the
 * errno a hooked function sets (the System V shared memory calls) in g_hrErrno, an optional ABI symbol.
 */
#include "los_vm_shm.h"

int g_hrErrno;

int *__errno_location(void)
{
    return &g_hrErrno;
}
