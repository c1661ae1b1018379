/*
 * ptdrill.h - the translate-by-hand drill of the pagetables lab
 * (docs/labs/pagetables.md, part 0).
 *
 * A seed picks a question: a user virtual address and a small space that
 * maps it, with three decoy pages beside it that share one, two and three
 * of its upper tables. The space is built through the architecture's walk
 * (pagewalk_entry), never with vmm_map, so that the lab's starting tree,
 * whose vmm_map is a stub, can ask the question too: ptdrill=SEED on the
 * command line prints it early in the boot (ptdrill_boot). The suite
 * ptdrill (mm/test/ptdrill_test.c) checks the student's answers against
 * the kernel's own walk.
 */
#ifndef MM_PTDRILL_H
#define MM_PTDRILL_H

#include "mm/pagetable.h"

#include <stdbool.h>
#include <stdint.h>

#define PTDRILL_PAGES 4 /* the question's page, then three decoys */

struct ptdrill {
	uint64_t seed;
	uint64_t va[PTDRILL_PAGES];   /* va[0] is the question */
	uint64_t bits[PTDRILL_PAGES]; /* each page's last-level entry */
	struct vmm_space space;
};

/* Fills in the addresses and entries of seed's question (nothing is built). */
void ptdrill_pick(struct ptdrill *d, uint64_t seed);

/* Picks seed's question and builds its space; returns false if memory ran
 * out (what was made is freed). */
bool ptdrill_build(struct ptdrill *d, uint64_t seed);

/* Frees the space ptdrill_build made. */
void ptdrill_free(struct ptdrill *d);

/* Prints the question: the dump of the space, then the address to translate. */
void ptdrill_print(struct ptdrill *d);

/* Returns the seed written in s (decimal or 0x-hex), or 0 if s is not a number. */
uint64_t ptdrill_parse_seed(const char *s);

/* If cmdline has ptdrill=SEED, prints SEED's question; returns 1 if it
 * did, -1 if SEED is not a seed or memory ran out (said on the console),
 * 0 if the command line asks for no question. */
int ptdrill_boot(const char *cmdline);

#endif
