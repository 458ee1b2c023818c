/*
 * A deliberate heap use-after-free for the memory-safety oracle's --sanitize mode: touch_after_close writes into a
 * block close_session already freed. Under --sanitize the freed block waits, filled with poison, in the quarantine;
 * the changed byte is reported at exit as a use-after-free of the block new_session allocated and close_session
 * freed. Without --sanitize nothing is reported: LiteOS-A's pool owns the memory again.
 */
#include "hr_runtime.h"
#include "hr_oracle.h"
#include "los_memory.h"

HR_ORACLE_SITE static UINT8 *new_session(void)
{
    return LOS_MemAlloc(m_aucSysMem1, 64);
}

HR_ORACLE_SITE static void close_session(UINT8 *session)
{
    (void)LOS_MemFree(m_aucSysMem1, session);
}

HR_ORACLE_SITE static void touch_after_close(volatile UINT8 *session)
{
    session[8] = 1;
}

int hr_main(void)
{
    UINT8 *session = new_session();
    close_session(session);
    touch_after_close(session);
    hr_printf("heap_uaf: wrote into a freed block\n");
    return 0;
}
