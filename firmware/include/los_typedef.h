/*
 * The LiteOS-A base types the memory headers use (kernel/include/los_typedef.h), reduced to what this
 * firmware needs. 32-bit ARM: pointers, size_t and unsigned long are 32 bits.
 */
#ifndef LOS_TYPEDEF_H
#define LOS_TYPEDEF_H

typedef unsigned char UINT8;
typedef unsigned short UINT16;
typedef unsigned int UINT32;
typedef signed int INT32;
typedef unsigned long long UINT64;
typedef signed long long INT64;
typedef unsigned int UINTPTR;
typedef unsigned int BOOL;
typedef char CHAR;
typedef void VOID;
typedef unsigned int size_t;
typedef int ssize_t;
typedef unsigned long VADDR_T;
typedef unsigned long PADDR_T;
typedef unsigned long VM_OFFSET_T;
typedef int STATUS_T;

#define TRUE 1U
#define FALSE 0U
#define NULL ((void *)0)
#define LOS_OK 0U
#define LOS_NOK 1U
#define OS_ERROR ((UINT32)-1)

#define PAGE_SIZE 4096U
#define PAGE_SHIFT 12
#define ROUNDUP(a, b) (((a) + ((b) - 1)) & ~((b) - 1))
#define ROUNDDOWN(a, b) ((a) & ~((b) - 1))

/* VM error codes (los_vm_common.h) used by the tests. */
#define LOS_ERRNO_VM_NO_ERROR 0
#define LOS_ERRNO_VM_NOT_FOUND (-2)
#define LOS_ERRNO_VM_NO_MEMORY (-5)
#define LOS_ERRNO_VM_INVALID_ARGS (-8)
#define LOS_ERRNO_VM_ACCESS_DENIED (-43)

#endif
