/*
 * A deliberate double free for the memory-safety oracle: release_message frees the block, cleanup_twice frees it
 * again. The pool answers LOS_NOK as LiteOS-A does; the host reports a double-free in cleanup_twice, allocated in
 * make_message and first freed in release_message.
 */
#include "hr_runtime.h"
#include "hr_oracle.h"
#include "los_memory.h"

HR_ORACLE_SITE static UINT8 *make_message(UINT32 size)
{
    UINT8 *m = LOS_MemAlloc(m_aucSysMem1, size);
    if (m != NULL) {
        m[0] = 'h';
    }
    return m;
}

HR_ORACLE_SITE static void release_message(UINT8 *m)
{
    (void)LOS_MemFree(m_aucSysMem1, m);
}

HR_ORACLE_SITE static UINT32 cleanup_twice(UINT8 *m)
{
    return LOS_MemFree(m_aucSysMem1, m);
}

int hr_main(void)
{
    UINT8 *m = make_message(48);
    release_message(m);
    UINT32 again = cleanup_twice(m);
    hr_printf("double_free: second LOS_MemFree returned %u\n", again);
    return 0;
}
