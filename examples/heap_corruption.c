/*
 * heap_corruption.c - beyond the chapter's list: the allocator's own
 * records overwritten. In allocators that keep a header in front of each
 * block (glibc's), a write just before or after a block does this by
 * accident; Interlude's malloc keeps its records out of band (in separate
 * mappings, docs/MALLOC.md), so no overflow of a block reaches them, and
 * this program has to do it on purpose: malloc_debug_span_of() (a hook for
 * tests) gives the descriptor of the block's span, and the program
 * overwrites its tag, the word that says what kind of span it is.
 *
 * Caught by the next free() of a block of that span: the tag is checked
 * whenever a descriptor is used (MALLOC_CHECK=1 uses it at once, to find
 * the red zone's end). With MALLOC_CHECK=2 the block has pages of its own,
 * outside the heap: there is no descriptor to damage.
 *
 * Prints: address (the pointer passed to free).
 *
 * expect MALLOC_CHECK=0,1: status=134 report="HEAP ERROR [heap-corruption]" address found=main
 * expect MALLOC_CHECK=2:   status=0 report=none prints="no descriptor"
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

void *malloc_debug_span_of(const void *p); /* libc/malloc/malloc_api.h */

/*
 * The descriptor starts with the span's first address, then the 32-bit
 * tag (struct span in libc/malloc/heap.h): a magic in the top three
 * bytes and the kind in the low one.
 */
struct span_head {
	uintptr_t start;
	uint32_t tag;
};

int main(void)
{
	char *p = malloc(32);
	struct span_head *d = malloc_debug_span_of(p);
	if (d == NULL) {
		fprintf(stderr, "no descriptor: the block is not in the heap's pages\n");
		free(p);
		return 0;
	}
	if ((d->tag & 0xffffff00u) != 0x5ba11c00u) {
		fprintf(stderr, "the descriptor's layout changed: see libc/malloc/heap.h\n");
		return 2;
	}
	fprintf(stderr, "address %p\n", (void *)p);
	d->tag = 0x41414141; /* what a stray string copy would leave */
	free(p);
	return 0;
}
