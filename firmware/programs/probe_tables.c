/*
 * Engine check without the model: the host changes a kernel section through the hooked hr_probe_map between
 * reads, and the guest must see each change (new entry, changed entry after the TLB flush return, removed entry
 * faulting). Used by the QEMU engine tests with a stand-in host.
 */
#include "hr_runtime.h"

#define PROBE_VA 0x60000000U
#define PROBE_UNMAP 0xFFFFFFFFU

/* Hooked by the test host: maps PROBE_VA's 1 MiB section to `pa` (or removes it). */
__attribute__((noipa, used)) UINT32 hr_probe_map(UINT32 va, UINT32 pa)
{
    (void)va;
    (void)pa;
    hr_trap_unhooked(__func__);
}

int hr_main(void)
{
    volatile UINT32 *probe = (volatile UINT32 *)PROBE_VA;
    hr_probe_map(PROBE_VA, 0x40000000U);
    UINT32 first = probe[0];
    hr_printf("probe: %#x -> 0x40000000 reads %#08x (image word %#08x)\n", PROBE_VA, first, *(volatile UINT32 *)0x40000000U);
    hr_probe_map(PROBE_VA, 0x40100000U);
    *(volatile UINT32 *)0x40100000U = 0x600DF00DU;
    UINT32 second = probe[0];
    hr_printf("probe: %#x -> 0x40100000 reads %#08x\n", PROBE_VA, second);
    hr_probe_map(PROBE_VA, PROBE_UNMAP);
    hr_printf("probe: unmapped, reading again\n");
    UINT32 third = probe[0];
    hr_printf("probe: read after unmap returned %#08x (no fault!)\n", third);
    return 0;
}
