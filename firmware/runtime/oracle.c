/* The oracle's runtime call (include/hr_oracle.h): a trapping body the host replaces, as in los_stubs.c. */
#include "hr_runtime.h"
#include "hr_oracle.h"

__attribute__((noipa, used)) void hr_leak_mark(void) { hr_trap_unhooked(__func__); }
