/*
 * last_proc.h - the console's copy of the last program's memory: its
 * areas and its page tables as they were when it exited.
 */
#ifndef SHELL_LAST_PROC_H
#define SHELL_LAST_PROC_H

#include <stdbool.h>
#include <stdint.h>

#define SHELL_LAST_AREAS 128 /* areas kept; more are counted, not kept */
#define SHELL_LAST_TABLES 48 /* page tables kept (PML4, PDPTs, PDs, PTs) */

struct shell_area {
	uint64_t start, end;
	unsigned prot, flags; /* PROT_*, VMA_* */
};

struct shell_last_proc {
	bool valid; /* a program has exited since the console started */
	char name[32];
	int pid;
	int exit_status;
	uint64_t start_brk, brk;
	struct shell_area areas[SHELL_LAST_AREAS];
	unsigned nareas, areas_dropped;
	uint64_t pml4_phys; /* the top-level table's address, as the program had it */
	unsigned ntables;
	bool tables_dropped; /* some tables did not fit: their walks stop there */
};

/* Starts keeping the copy: from now on every process's exit replaces it. */
void shell_last_proc_start(void);

/* Says a new run starts: its first exit replaces the copy, whatever it is. */
void shell_last_proc_new_run(void);

/* Returns the copy (check ->valid). */
const struct shell_last_proc *shell_last_proc(void);

/*
 * Reads entry `index` of the copied table that was at physical address
 * table_phys; returns false if that table was not copied.
 */
bool shell_last_proc_entry(uint64_t table_phys, unsigned index, uint64_t *entry);

#endif
