/* kernel/mm/test/hoard.h - take every free frame, for out-of-memory tests.
 *
 * A test that must see the frame allocator fail takes all of its free
 * memory first. Taking it one 4 KiB frame at a time costs two million
 * allocations on an 8 GiB machine, and chaining the frames through their
 * own first words writes to every one of them: under QEMU each first write
 * to guest RAM makes the host allocate and clear memory, which took most of
 * a minute. So the hoard takes the largest blocks first, going down to
 * single frames (a few thousand allocations whatever the memory size), and
 * remembers them in a table of its own; only blocks beyond the table's size
 * are chained through their memory. One hoard may be held at a time. */
#ifndef MM_TEST_HOARD_H
#define MM_TEST_HOARD_H

#include <stdint.h>

/* Takes every free block, largest first; returns the frames taken. */
uint64_t hoard_take_all(void);

/* Gives every block back. */
void hoard_release(void);

#endif
