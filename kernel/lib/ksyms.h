/*
 * ksyms.h - turning code addresses into function names.
 *
 * The table is built at link time (tools/gen-ksyms.py, a two-pass link in
 * the Makefile) and lives in the kernel image, so a backtrace can name
 * functions even when nothing outside the kernel is watching.
 */
#ifndef LIB_KSYMS_H
#define LIB_KSYMS_H

#include <stdint.h>

/*
 * Returns the name of the function containing addr and sets *offset to
 * addr's distance from its start; returns NULL if addr is not kernel code.
 */
const char *ksym_lookup(uint64_t addr, uint64_t *offset);

#endif
