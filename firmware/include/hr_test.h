/* Checks for guest test programs: every failure prints one FAIL line; hr_test_end gives the exit code. */
#ifndef HR_TEST_H
#define HR_TEST_H

#include "hr_runtime.h"

extern int g_hrTestFailures;

#define CHECK(cond, ...)                                                  \
    do {                                                                  \
        if (!(cond)) {                                                    \
            hr_printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);     \
            hr_printf(__VA_ARGS__);                                       \
            hr_putc('\n');                                                \
            g_hrTestFailures++;                                           \
        }                                                                 \
    } while (0)

/* Prints "<name>: PASS" or "<name>: FAIL (<n> checks)"; returns the exit code (0 or 1). */
int hr_test_end(const char *name);

#endif
