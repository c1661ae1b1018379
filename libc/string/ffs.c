/*
 * ffs.c - "find first set": 1 + the index of the least significant 1 bit
 * (ffs(1) = 1, ffs(8) = 4), or 0 if there is none. GCC's built-in
 * compiles to one bsf/tzcnt instruction; its value for 0 is undefined,
 * hence the test.
 */
#include <strings.h>

/* For int. */
int ffs(int v)
{
	return v ? __builtin_ctz((unsigned)v) + 1 : 0;
}

/* For long. */
int ffsl(long v)
{
	return v ? __builtin_ctzl((unsigned long)v) + 1 : 0;
}

/* For long long. */
int ffsll(long long v)
{
	return v ? __builtin_ctzll((unsigned long long)v) + 1 : 0;
}
