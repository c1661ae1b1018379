/*
 * mman.h - the memory system calls' constants (PROT_*, MAP_*, MADV_*): the
 * kernel and the C library share one copy, abi/interlude/mman.h.
 */
#ifndef MM_MMAN_H
#define MM_MMAN_H

#include <interlude/mman.h>

#endif
