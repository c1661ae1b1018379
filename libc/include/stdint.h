/*
 * stdint.h - the fixed-width integer types. GCC's own stdint.h forwards
 * to the C library's in hosted mode, so this one takes GCC's freestanding
 * definitions (stdint-gcc.h, in the compiler's include directory).
 */
#ifndef _STDINT_H
#define _STDINT_H
#include <stdint-gcc.h>
#endif
