#ifndef HR_ORACLE_H
#define HR_ORACLE_H

/*
 * The host's memory-safety oracle (README, "Memory-safety oracle"). hr_leak_mark is hooked like the LOS_* functions:
 * allocations made before it are left out of the leak report at exit (boot-time buffers that live forever).
 */
void hr_leak_mark(void);

/* Keeps a function out of inlining, cloning and IPA so that the oracle's call sites name it. */
#define HR_ORACLE_SITE __attribute__((noipa))

#endif
