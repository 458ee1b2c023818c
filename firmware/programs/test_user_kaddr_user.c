#include "hr_user.h"

USER_ENTRY(user_read_kernel)
{
    volatile UINT32 *k = (volatile UINT32 *)arg;
    u_putu("user: kernel word reads ", *k);
    return 3;
}

USER_ENTRY(user_exec_kernel)
{
    ((void (*)(void))arg)();
    return 3;
}

USER_ENTRY(user_bad_syscall_pointer)
{
    int r = u_syscall(__NR_write, 1, (int)arg, 6, 0, 0, 0);
    return r == -14 ? 0 : 1; /* -EFAULT */
}

USER_ENTRY(user_still_alive)
{
    (void)arg;
    u_puts("user: still running after the kills\n");
    return 7;
}
