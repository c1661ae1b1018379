/*
 * multiboot2_build.h - builds multiboot2 boot information structures byte
 * by byte for the parser's tests (suite "multiboot2": multiboot2_test.c,
 * well-formed input; multiboot2_validation_test.c, malformed input;
 * multiboot2_write_test.c, printing), run both in the kernel and on the
 * host (under AddressSanitizer).
 *
 * Each test builds a structure in mb2t_scratch with the helpers below, then
 * mb2t_parse() copies it to the very end of a second buffer and parses it
 * there into mb2t_bi, so that the byte after the last one the parser may
 * read is past the end of a global array: on the host, ASan reports any
 * read beyond it.
 *
 * The buffers are defined once, in multiboot2_build.c, for all three
 * files; hence the mb2t_ prefix, which keeps them and the helpers apart
 * from the rest of the kernel.
 */
#ifndef BOOT_TEST_MULTIBOOT2_BUILD_H
#define BOOT_TEST_MULTIBOOT2_BUILD_H

#include "boot/multiboot2.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern uint8_t mb2t_scratch[];	 /* the structure being built */
extern size_t mb2t_len;		 /* bytes of mb2t_scratch used so far */
extern struct boot_info mb2t_bi; /* what mb2t_parse() found */

/* Three entries: available, reserved, available (128 MiB in all). */
extern const struct mb2_mmap_entry mb2t_good_map[3];

/* Writes v at offset off of mb2t_scratch (any alignment). */
void mb2t_put32(size_t off, uint32_t v);

/* Starts an empty structure: just the fixed part (total_size set by mb2t_finish). */
void mb2t_begin(void);

/*
 * Appends a tag header claiming `size` bytes, and reserves `room` bytes
 * (usually == size) plus padding to 8. Returns the tag's offset; its
 * payload starts 8 bytes further. mb2t_tag: room == size.
 */
size_t mb2t_tag_room(uint32_t type, uint32_t size, size_t room);
size_t mb2t_tag(uint32_t type, uint32_t size);

/* Append one tag each: a string tag (command line, loader name; NUL
 * included), a module, the basic memory information, a memory map of n
 * entries of entry_size bytes (24 normally), the end tag. */
void mb2t_add_string(uint32_t type, const char *s);
void mb2t_add_module(uint32_t start, uint32_t end, const char *s);
void mb2t_add_meminfo(uint32_t lower, uint32_t upper);
void mb2t_add_mmap(uint32_t entry_size, const struct mb2_mmap_entry *e, size_t n);
void mb2t_add_end(void);

/* A memory map alone (mb2t_good_map), enough for mb2_parse to call the
 * structure usable. */
void mb2t_add_good_mmap(void);

/* Sets total_size to the length built so far and returns it. */
size_t mb2t_finish(void);

/* The well-formed structure most tests start from; returns its length. */
size_t mb2t_build_good(void);

/* Parses the first `available` bytes of mb2t_scratch into mb2t_bi (placed
 * so that they end where a global array ends); mb2_parse's result. */
bool mb2t_parse(size_t available);

/* Returns true if one of the problems mb2t_bi records mentions `what`. */
bool mb2t_has_problem(const char *what);

#endif
