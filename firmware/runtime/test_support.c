#include "hr_test.h"

int g_hrTestFailures = 0;

int hr_test_end(const char *name)
{
    if (g_hrTestFailures == 0) {
        hr_printf("%s: PASS\n", name);
        return 0;
    }
    hr_printf("%s: FAIL (%d checks)\n", name, g_hrTestFailures);
    return 1;
}
