/* A fault the program causes on purpose, announced to the host (firmware/ABI.md, "Expected faults"). */
#include "hr_runtime.h"

/* Read (and cleared) by the host when an abort at this address cannot be resolved; 0: nothing expected. */
volatile UINT32 g_hrExpectedFault;

void hr_expect_fault(UINT32 far)
{
    g_hrExpectedFault = far;
}
