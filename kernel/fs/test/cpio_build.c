/*
 * cpio_build.c - see cpio_build.h.
 */
#include "fs/test/cpio_build.h"

/* Returns the length of s (no libc on the kernel side). */
static size_t slen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

/* Appends n bytes of p, then zeros up to a multiple of 4. */
static void put(struct cpiot *a, const void *p, size_t n, bool pad)
{
	for (size_t i = 0; i < n && a->len < CPIOT_SIZE; i++)
		a->buf[a->len++] = ((const uint8_t *)p)[i];
	while (pad && a->len % 4 && a->len < CPIOT_SIZE)
		a->buf[a->len++] = 0;
}

/* Appends v as 8 lower-case hex digits. */
static void hex8(struct cpiot *a, uint32_t v)
{
	char s[8];
	for (int i = 7; i >= 0; i--, v >>= 4)
		s[i] = "0123456789abcdef"[v & 15];
	put(a, s, 8, false);
}

void cpiot_begin(struct cpiot *a)
{
	a->len = 0;
}

void cpiot_add(struct cpiot *a, const char *name, uint32_t mode, const void *data, size_t size)
{
	static uint32_t ino;
	size_t n = slen(name) + 1;
	uint32_t f[13] = {++ino, mode, 0, 0, 1, 0, (uint32_t)size, 0, 0, 0, 0, (uint32_t)n, 0};
	put(a, "070701", 6, false);
	for (int i = 0; i < 13; i++)
		hex8(a, f[i]);
	put(a, name, n, true);
	put(a, data, size, true);
}

void cpiot_end(struct cpiot *a)
{
	cpiot_add(a, "TRAILER!!!", 0, "", 0);
}
