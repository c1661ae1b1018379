/*
 * ptdrill_answers.h - your answers to the translation drill of the
 * pagetables lab (docs/labs/pagetables.md, part 0).
 *
 * Boot with `make run CMDLINE=ptdrill=SEED` (SEED: the number your teacher
 * gave you): the kernel prints a virtual address and the page-table
 * entries of its space. Walk them by hand and write here the seed and
 * what you found. The suite ptdrill checks each answer against the
 * kernel's own walk; a wrong one loses its points.
 */
#ifndef MM_TEST_PTDRILL_ANSWERS_H
#define MM_TEST_PTDRILL_ANSWERS_H

/* LAB(pagetables) BEGIN: part 0, your answers to the drill (docs/labs/pagetables.md)
 * stub: #define PTDRILL_SEED 0  // the seed your teacher gave you
 * stub: #define PTDRILL_PML4_INDEX (-1)  // bits 47..39 of the address
 * stub: #define PTDRILL_PDPT_INDEX (-1)  // bits 38..30
 * stub: #define PTDRILL_PD_INDEX (-1)  // bits 29..21
 * stub: #define PTDRILL_PT_INDEX (-1)  // bits 20..12
 * stub: #define PTDRILL_OFFSET (-1)  // bits 11..0
 * stub: #define PTDRILL_PHYS 0x0  // the physical address of the byte
 * stub: #define PTDRILL_USER_WRITABLE (-1)  // 1 if a user program may write it, else 0
 * stub: #define PTDRILL_USER_EXECUTABLE (-1)  // 1 if a user program may run it, else 0
 */
#define PTDRILL_SEED 2026
#define PTDRILL_PML4_INDEX 62
#define PTDRILL_PDPT_INDEX 349
#define PTDRILL_PD_INDEX 142
#define PTDRILL_PT_INDEX 242
#define PTDRILL_OFFSET 0xf49
#define PTDRILL_PHYS 0x75a03f49
#define PTDRILL_USER_WRITABLE 0
#define PTDRILL_USER_EXECUTABLE 0
/* LAB(pagetables) END */

#endif
