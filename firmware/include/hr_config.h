/*
 * The configuration block the host fills before the first guest instruction (firmware/ABI.md, "Configuration
 * block"). Start-up code reads it with the MMU off, so every field is a plain value, never a pointer the
 * MMU would have to translate. Layout is part of the guest ABI: append fields, never reorder.
 */
#ifndef HR_CONFIG_H
#define HR_CONFIG_H

#include "los_typedef.h"

#define HR_CONFIG_MAGIC 0x46435248U /* "HRCF" little-endian */
#define HR_CONFIG_VERSION 1U

typedef struct {
    UINT32 magic;       /* 0x00 HR_CONFIG_MAGIC once the host has written the rest */
    UINT32 version;     /* 0x04 HR_CONFIG_VERSION */
    UINT32 ttbr0;       /* 0x08 TTBR0 (0 with TTBCR.PD0 set: no user table yet) */
    UINT32 ttbr1;       /* 0x0C TTBR1: kernel L1 table physical address | walk attributes */
    UINT32 ttbcr;       /* 0x10 TTBCR (LiteOS-A: N = 2, PD0 = 1 -> 0x12) */
    UINT32 dacr;        /* 0x14 DACR */
    UINT32 contextidr;  /* 0x18 CONTEXTIDR (ASID 0: kernel) */
    UINT32 sctlrSet;    /* 0x1C bits OR-ed into SCTLR (M at least) */
    UINT32 sctlrClear;  /* 0x20 bits cleared from SCTLR */
    UINT32 uartVa;      /* 0x24 PL011 virtual address once the MMU is on (LiteOS-A: 0xD1000000) */
    UINT32 hostFlags;   /* 0x28 HR_HOST_FLAG_* */
    UINT32 doorbellVa;  /* 0x2C hypercall doorbell register (Renode's peripheral), 0: the host polls the mailbox */
    UINT32 reserved[4]; /* 0x30..0x3F zero */
} HrConfig;

/* The host services hr_*_host calls and LOS_* functions; without it the firmware stops at start-up. */
#define HR_HOST_FLAG_QUIET 0x1U /* programs print less (benchmarks) */

extern volatile HrConfig g_hrConfig;

#endif
