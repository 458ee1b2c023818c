/* Constants shared by the runtime's assembly files. */
#ifndef HR_ASM_H
#define HR_ASM_H

#define MODE_USR 0x10
#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_UND 0x1B
#define MODE_SYS 0x1F
#define MODE_MASK 0x1F
#define PSR_I 0x80
#define PSR_F 0x40

#define PL011_PHYS 0x09000000
#define HR_CONFIG_MAGIC 0x46435248

#endif
