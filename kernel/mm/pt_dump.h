/*
 * pt_dump.h - a page-table dump in one fixed format, for people.
 *
 * One line per present entry, tables before what they point to, in address
 * order, indented two spaces a level:
 *
 *   L3 000 0000000000203007 P W U -- - - -- 0x0000000203000
 *     L2 000 ...
 *
 * The fields: the level (L3 = PML4, L2 = PDPT, L1 = PD, L0 = PT), the
 * entry's index in its table (three decimal digits), the entry's 64-bit
 * value (hex), seven flags each printed or replaced by dashes of its width
 * (P present, W writable, U user, NX no-execute, A accessed, D dirty, PS a
 * 2 MiB or 1 GiB page), and the physical address the entry holds (hex, 13
 * digits: the 52 bits x86-64 allows). docs/labs/pagetables.md explains
 * how to read it.
 */
#ifndef MM_PT_DUMP_H
#define MM_PT_DUMP_H

#include "mm/pagetable.h"

#include <stddef.h>
#include <stdint.h>

#define PT_DUMP_LINE 80 /* longer than any line of the dump */

/* What receives each line of a dump (without a newline). */
typedef void (*pt_dump_out)(const char *line, void *arg);

/* Writes the line of the entry e found at `index` of a table at `level`. */
void pt_dump_line(char *buf, size_t size, int level, unsigned index, uint64_t e);

/*
 * Calls out(line, arg) for each present entry on the way to the pages of
 * [lo, hi) in s; returns how many lines there were.
 */
size_t pt_dump(struct vmm_space *s, uint64_t lo, uint64_t hi, pt_dump_out out, void *arg);

/* Prints the dump of [lo, hi) in s on the console; returns its lines. */
size_t pt_dump_print(struct vmm_space *s, uint64_t lo, uint64_t hi);

#endif
