/* The exception frame the runtime's entries push (runtime/exceptions.S), lowest address first. */
#ifndef HR_FRAME_H
#define HR_FRAME_H

#include "los_typedef.h"

typedef struct {
    UINT32 r[13];
    UINT32 lr;   /* the handler mode's lr, not the interrupted one */
    UINT32 pc;   /* where rfeia returns: the faulting instruction for aborts */
    UINT32 spsr; /* the interrupted CPSR */
} HrExcFrame;

#endif
