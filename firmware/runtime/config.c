/*
 * Data the host writes before the first instruction. In .data (loaded from the ELF, never cleared by
 * start-up) so the host's values survive until reset_vector reads them.
 */
#include "hr_config.h"
#include "los_memory.h"

/* Zero-initialised data would land in .bss, which start-up clears: keep the host's words in .data. */
#define HOST_WRITTEN __attribute__((section(".data.hr_host")))

HOST_WRITTEN volatile HrConfig g_hrConfig __attribute__((aligned(64))) = { 0 };

/* LiteOS-A's system pool pointers (los_memory.c). The host points both at the model's kernel heap. */
HOST_WRITTEN UINT8 *m_aucSysMem0 = NULL;
HOST_WRITTEN UINT8 *m_aucSysMem1 = NULL;

/*
 * The kernel L1 table's home in LiteOS-A (los_arch_mmu.c: 16 KiB, 16 KiB aligned, in prebss so start-up
 * does not clear it). The host may write the model's kernel table here; TTBR1 in g_hrConfig says where it is.
 */
__attribute__((aligned(16384), section(".bss.prebss.translation_table"))) UINT8 g_firstPageTable[16384];
