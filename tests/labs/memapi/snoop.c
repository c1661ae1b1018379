/*
 * snoop.c - the memapi lab's attacker (docs/labs/memapi.md): a program
 * that asks for fresh memory and reads it. POSIX and Linux promise that
 * new memory from brk/sbrk and anonymous mmap reads as zeroes; a kernel
 * that hands out frames without clearing them breaks that promise and
 * leaks whatever the frames' last owner left there, such as the secret of
 * tests/labs/memapi/secret.c. Prints what it found; exits 1 if any fresh
 * byte was not zero.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SECRET_MARK "INTERLUDE-SECRET:"

/* Returns the number of bytes of [p, p + n) that are not zero. */
static size_t nonzero(const unsigned char *p, size_t n)
{
	size_t bad = 0;
	for (size_t i = 0; i < n; i++)
		bad += p[i] != 0;
	return bad;
}

/* Returns the offset of the first copy of the secret's mark in [p, p + n), or -1. */
static long find_secret(const char *p, size_t n)
{
	size_t m = strlen(SECRET_MARK);
	for (size_t i = 0; i + m <= n; i++)
		if (p[i] == SECRET_MARK[0] && memcmp(p + i, SECRET_MARK, m) == 0)
			return (long)i;
	return -1;
}

/* Reports on one fresh region; returns 1 if it was not all zeroes. */
static int inspect(const char *what, const char *p, size_t n, int *found)
{
	size_t bad = nonzero((const unsigned char *)p, n);
	if (bad == 0) {
		printf("snoop: %s: %zu fresh bytes, all zero\n", what, n);
		return 0;
	}
	printf("snoop: %s: %zu of %zu fresh bytes are not zero\n", what, bad, n);
	long at = find_secret(p, n);
	if (at >= 0) {
		printf("snoop: %s: another program's secret at offset %ld: \"%.46s\"\n", what, at,
		       p + at);
		*found = 1;
	}
	return 1;
}

int main(void)
{
	size_t heap = 1024 * 1024, anon = 8 * 1024 * 1024;
	char *h = sbrk((intptr_t)heap);
	char *m = mmap(NULL, anon, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (h == (void *)-1 || m == MAP_FAILED) {
		printf("snoop: could not get memory\n");
		return 2;
	}
	int found = 0, dirty = inspect("sbrk", h, heap, &found) | inspect("mmap", m, anon, &found);
	printf(found ? "snoop: the secret leaked\n" : "snoop: no secret found\n");
	return dirty;
}
