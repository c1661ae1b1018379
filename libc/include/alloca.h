/*
 * alloca.h - memory on the stack, gone when the calling function returns:
 * the compiler's own alloca (no library code; the stack pointer moves).
 * OSTEP's chapter contrasts it with malloc: nothing to free, and nothing
 * that outlives the call. A size bigger than the stack has room for is
 * not an error it reports: the program faults past the guard page.
 */
#ifndef _ALLOCA_H
#define _ALLOCA_H

#include <stddef.h>

#undef alloca
void *alloca(size_t size);
#define alloca(size) __builtin_alloca(size)

#endif
