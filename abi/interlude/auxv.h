/*
 * interlude/auxv.h - the types of the auxiliary vector the kernel puts on
 * a new program's stack (System V x86-64 ABI, 3.4.3), with Linux's values.
 * Shared by the kernel (proc/exec.c) and the C library (getauxval).
 */
#ifndef INTERLUDE_AUXV_H
#define INTERLUDE_AUXV_H

#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31
/* Interlude's own (Linux never passes it, so getauxval gives 0 there):
 * 1 when the kernel writes the memory trace (docs/TRACE.md), else 0. The
 * C library reads it once at start to know whether to report its calls. */
#define AT_INTERLUDE_TRACE 1002

#endif
