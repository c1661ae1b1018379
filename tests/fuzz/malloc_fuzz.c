/*
 * malloc_fuzz.c - libFuzzer target for the user allocator (libc/malloc).
 *
 * The input is a program: each step is an opcode byte and argument bytes
 * doing malloc, calloc, realloc, memalign/aligned_alloc, free or
 * malloc_trim on one of 64 slots, or changing the heap's surroundings:
 * the os layer refuses (or grants again) sbrk and mmap, the program moves
 * the break itself (its own sbrk), someone else's mapping appears just
 * above the heap's top, or the next mapping lands in a gap of the heap
 * (libc/malloc/grow.c). A model remembers each live
 * block (pointer, length, fill byte) and the program's own memory, and
 * after every step the fuzzer checks:
 *   - alignment (16 bytes, or the requested one);
 *   - contents: both ends of every block after each step, every byte
 *     before it is freed or reallocated; calloc memory reads zero;
 *   - no two live blocks overlap, nor a block and the program's own
 *     memory, which stays as the program wrote it;
 *   - malloc_usable_size >= the length;
 *   - a failed call returned NULL with errno ENOMEM and changed nothing;
 *   - malloc_check_heap() finds every invariant intact.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -DMALLOC_HOST_TEST -Ilibc \
 *     tests/fuzz/malloc_fuzz.c libc/malloc/[a-z]*.c -o malloc_fuzz
 */
#include "malloc/malloc_api.h"
#include "malloc/os.h"
#include "malloc/pagemap.h" /* the heap's top, for the mapping above it */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 64
#define EDGE 32

static struct {
	unsigned char *p;
	size_t n;
	unsigned char fill;
} slot[SLOTS];

/* The program's own memory from its sbrk, filled with OWN_FILL; given
 * back at the end of an input when the break is still at its end. */
#define OWN 8
#define OWN_FILL 0x5a
static struct {
	unsigned char *p;
	size_t n;
} own[OWN];
static int nown;

static void die(const char *what, int i)
{
	fprintf(stderr, "malloc_fuzz: %s (slot %d)\n", what, i);
	abort();
}

static void check_block(int i, int full)
{
	unsigned char *p = slot[i].p;
	size_t n = slot[i].n;
	if (!p)
		return;
	if (full) {
		for (size_t k = 0; k < n; k++)
			if (p[k] != slot[i].fill)
				die("contents changed", i);
		return;
	}
	for (size_t k = 0; k < n && k < EDGE; k++)
		if (p[k] != slot[i].fill || p[n - 1 - k] != slot[i].fill)
			die("contents changed", i);
}

static void check_all(void)
{
	for (int i = 0; i < SLOTS; i++) {
		check_block(i, 0);
		if (!slot[i].p)
			continue;
		if (im_malloc_usable_size(slot[i].p) < slot[i].n)
			die("usable size too small", i);
		uintptr_t a = (uintptr_t)slot[i].p, ae = a + (slot[i].n ? slot[i].n : 1);
		for (int j = i + 1; j < SLOTS; j++) {
			if (!slot[j].p)
				continue;
			uintptr_t b = (uintptr_t)slot[j].p, be = b + (slot[j].n ? slot[j].n : 1);
			if (a < be && b < ae)
				die("blocks overlap", i);
		}
	}
	for (int k = 0; k < nown; k++) {
		uintptr_t o = (uintptr_t)own[k].p, oe = o + own[k].n;
		for (size_t b = 0; b < own[k].n; b++)
			if (own[k].p[b] != OWN_FILL)
				die("the program's own memory changed", k);
		for (int i = 0; i < SLOTS; i++) {
			uintptr_t a = (uintptr_t)slot[i].p;
			if (a && a < oe && o < a + (slot[i].n ? slot[i].n : 1))
				die("a block in the program's own memory", i);
		}
	}
	if (malloc_check_heap())
		die("heap walk failed", -1);
}

/* The program's own sbrk of n bytes (refused, as any sbrk, while the
 * os layer refuses them). */
static void program_sbrk(size_t n)
{
	unsigned char *p = nown < OWN ? im_os_sbrk((intptr_t)n) : NULL;
	if (!p)
		return;
	memset(p, OWN_FILL, n);
	own[nown].p = p;
	own[nown].n = n;
	nown++;
}

/* Someone else's mapping of k 64 KiB steps just above the heap's top. */
static void mapping_above_top(size_t k)
{
	im_os_host_taken_lo = heap_top();
	im_os_host_taken_hi = im_os_host_taken_lo + k * 65536;
}

static size_t size_of(const uint8_t *d)
{
	unsigned v = d[0] | d[1] << 8;
	switch (d[2] & 3) {
	case 0: return v & 63;
	case 1: return v & 4095;
	case 2: return v * 4u;		/* to 256 KiB */
	default: return (size_t)v * 64; /* to 4 MiB */
	}
}

static void set(int i, unsigned char *p, size_t n, unsigned char fill)
{
	slot[i].p = p;
	slot[i].n = n;
	slot[i].fill = fill;
	memset(p, fill, n);
}

extern int im_os_die_by_abort;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char fill = 1;
	im_os_die_by_abort = 1;
	while (size >= 4) {
		uint8_t op = data[0] % 9;
		int i = data[1] % SLOTS;
		size_t n = size_of(data + 1);
		const uint8_t *arg = data + 1;
		data += 4;
		size -= 4;
		fill = (unsigned char)(fill * 13 + 7) | 1;
		errno = 0;
		switch (op) {
		case 0:
		case 1: { /* malloc */
			if (slot[i].p)
				break;
			unsigned char *p = im_malloc(n);
			if (!p) {
				if (errno != ENOMEM)
					die("NULL without ENOMEM", i);
				break;
			}
			if ((uintptr_t)p & 15)
				die("misaligned", i);
			set(i, p, n, fill);
			break;
		}
		case 2: { /* calloc */
			if (slot[i].p)
				break;
			size_t cnt = 1 + (arg[2] >> 4);
			unsigned char *p = im_calloc(cnt, n / cnt);
			if (!p) {
				if (errno != ENOMEM)
					die("NULL without ENOMEM", i);
				break;
			}
			for (size_t k = 0; k < cnt * (n / cnt); k++)
				if (p[k])
					die("calloc memory not zero", i);
			set(i, p, cnt * (n / cnt), fill);
			break;
		}
		case 3:
		case 4: { /* realloc */
			check_block(i, 1);
			unsigned char *p = im_realloc(slot[i].p, n);
			if (!p) {
				if (errno != ENOMEM)
					die("NULL without ENOMEM", i);
				break; /* the old block is intact: checked below */
			}
			size_t keep = slot[i].p ? (slot[i].n < n ? slot[i].n : n) : 0;
			for (size_t k = 0; k < keep; k++)
				if (p[k] != slot[i].fill)
					die("realloc lost contents", i);
			set(i, p, n, fill);
			break;
		}
		case 5: { /* memalign */
			if (slot[i].p)
				break;
			size_t al = (size_t)1 << (arg[2] >> 3) % 18;
			unsigned char *p =
			    (arg[2] & 4) ? im_memalign(al, n) : im_aligned_alloc(al, n);
			if (!p) {
				if (errno != ENOMEM)
					die("NULL without ENOMEM", i);
				break;
			}
			if ((uintptr_t)p & (al - 1))
				die("not aligned as asked", i);
			set(i, p, n, fill);
			break;
		}
		case 6:
		case 7: /* free */
			check_block(i, 1);
			im_free(slot[i].p);
			slot[i].p = NULL;
			break;
		default: /* the environment */
			switch (arg[0] & 7) {
			case 0: im_os_refuse_sbrk = 1; break;
			case 1: im_os_refuse_mmap = 1; break;
			case 2:
				im_os_refuse_sbrk = im_os_refuse_mmap = 0;
				im_os_host_taken_lo = im_os_host_taken_hi = 0;
				break;
			case 3: im_malloc_trim(arg[1] * 4096u); break;
			case 4: program_sbrk(1 + arg[1] * 37u); break;
			case 5: mapping_above_top(1 + arg[1] % 16u); break;
			case 6: /* the kernel puts the next mapping in the heap's last gap */
				if (pagemap.ngaps)
					im_os_host_next_map = heap_gaps[pagemap.ngaps - 1].start +
							      (arg[1] % 16u) * PAGE;
				break;
			default: break;
			}
		}
		check_all();
	}
	for (int i = 0; i < SLOTS; i++) {
		check_block(i, 1);
		im_free(slot[i].p);
		slot[i].p = NULL;
	}
	im_os_refuse_sbrk = im_os_refuse_mmap = 0;
	im_os_host_taken_lo = im_os_host_taken_hi = im_os_host_next_map = 0;
	if (malloc_check_heap())
		die("heap walk failed at the end", -1);
	/* the heap above the program's memory given back, so is that */
	im_malloc_trim(0);
	while (nown && im_os_brk_now() == own[nown - 1].p + own[nown - 1].n) {
		nown--;
		im_os_sbrk(-(intptr_t)own[nown].n);
	}
	check_all();
	return 0;
}
