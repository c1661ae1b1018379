/*
 * random.h - the kernel's random bytes: AT_RANDOM, getrandom(2),
 * /dev/random and /dev/urandom.
 */
#ifndef ARCH_X86_64_RANDOM_H
#define ARCH_X86_64_RANDOM_H

#include <stddef.h>

/* Fills buf[0, n) with random bytes (see random.c for how random). */
void random_fill(void *buf, size_t n);

#endif
