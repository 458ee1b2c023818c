/*
 * los_vm_map.c's globals: the kernel's and vmalloc's LosVmSpace and the list of all spaces. The host writes them
 * before the first instruction (firmware/ABI.md, "Kernel structures"), so they live in .data like g_hrConfig:
 * start-up clears .bss.
 */
#include "los_vm_map.h"

#define HOST_WRITTEN __attribute__((section(".data.hr_host")))

HOST_WRITTEN LosVmSpace g_kVmSpace = { 0 };
HOST_WRITTEN LosVmSpace g_vMallocSpace = { 0 };
HOST_WRITTEN LOS_DL_LIST g_vmSpaceList = { 0 };

_Static_assert(sizeof(LosVmSpace) == 136, "LosVmSpace: kernel_liteos_a's 32-bit layout");
_Static_assert(sizeof(LosVmMapRegion) == 64, "LosVmMapRegion: kernel_liteos_a's 32-bit layout");
_Static_assert(__builtin_offsetof(LosVmSpace, archMmu) == 112, "LosVmSpace.archMmu");
_Static_assert(__builtin_offsetof(LosVmMapRegion, range) == 28, "LosVmMapRegion.range");
