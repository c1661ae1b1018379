/*
 * stdlib_extra_test.c - the smaller pieces of <stdlib.h>, <inttypes.h>,
 * <strings.h> and <limits.h>: div/ldiv/lldiv (truncation toward zero),
 * rand, random and rand_r (glibc's sequences: on the host compared with
 * glibc's own), the intmax_t functions, the PRI and SCN macros (through
 * snprintf), case-insensitive comparison, bzero/bcmp/bcopy, explicit_bzero, ffs, and the
 * limits. Built against glibc too: the output must be the same.
 *
 * test-run: ktap host glibc
 */
#define _GNU_SOURCE /* LONG_BIT and the like, in glibc */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "ktap.h"

#ifdef LIBC_HOST_TEST
int glibc_rand_r(unsigned *) __asm__("rand_r");
int glibc_rand(void) __asm__("rand");
void glibc_srand(unsigned) __asm__("srand");
#endif

static int unseeded[3]; /* rand's first numbers, before any srand */

/* The sign of v: -1, 0 or 1. */
static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void tests(void)
{
	div_t d = div(-7, 2);
	EXPECT(d.quot == -3 && d.rem == -1, "div(-7, 2) = {-3, -1}: truncated toward zero");
	d = div(7, -2);
	EXPECT(d.quot == -3 && d.rem == 1, "div(7, -2) = {-3, 1}");
	ldiv_t ld = ldiv(LONG_MAX, 10);
	EXPECT(ld.quot == LONG_MAX / 10 && ld.rem == 7, "ldiv(LONG_MAX, 10)");
	lldiv_t lld = lldiv(-1000000000000LL, 7);
	EXPECT(lld.quot * 7 + lld.rem == -1000000000000LL && lld.rem == -1,
	       "lldiv: quot * den + rem == num");
	imaxdiv_t id = imaxdiv(INTMAX_MIN, 2);
	EXPECT(id.quot == INTMAX_MIN / 2 && id.rem == 0 && imaxabs(-5) == 5, "imaxdiv, imaxabs");

	int r1 = unseeded[0], r2 = unseeded[1], r3 = unseeded[2];
	EXPECT(r1 == 1804289383 && r2 == 846930886 && r3 == 1681692777,
	       "rand without srand: glibc's first numbers");
	srand(1);
	EXPECT(rand() == 1804289383, "srand(1) is the sequence without srand");
	srand(0);
	EXPECT(rand() == 1804289383, "srand(0) is srand(1), as in glibc");
	srand(42);
	r1 = rand();
	srand(42);
	EXPECT(r1 == rand() && r1 == 71876166, "srand(42): the same sequence again, glibc's");
	srandom(42);
	long ra = random(), rb = random();
	srand(42);
	r1 = rand();
	EXPECT(ra == 71876166 && r1 == ra && rb == rand(),
	       "random and srandom: rand's generator and state, as glibc's");
#ifdef LIBC_HOST_TEST
	static const unsigned seeds[] = {1,	     2,		  42,	       12345,
					 0x7fffffff, 0x80000000u, 0x80000005u, 0xffffffffu};
	int same_rand = 1;
	for (int i = 0; i < (int)(sizeof seeds / sizeof seeds[0]); i++) {
		srand(seeds[i]);
		glibc_srand(seeds[i]);
		for (int k = 0; k < 2000; k++)
			same_rand &= rand() == glibc_rand();
	}
	EXPECT(same_rand, "rand is glibc's rand for 8 seeds (also above 2^31), 2000 numbers each");
#endif
	unsigned seed = 1;
	int first = rand_r(&seed), second = rand_r(&seed);
	EXPECT(first == 476707713 && second == 1186278907,
	       "rand_r from seed 1: glibc's first numbers");
	seed = 12345;
	int inrange = 1;
	for (int i = 0; i < 1000; i++) {
		int r = rand_r(&seed);
		inrange &= r >= 0 && r <= RAND_MAX;
	}
	EXPECT(inrange, "rand_r stays in 0..RAND_MAX");
#ifdef LIBC_HOST_TEST
	int same = 1;
	for (unsigned s0 = 0; s0 < 2000; s0 += 7) {
		unsigned a = s0 * 2654435761u, b = a;
		for (int i = 0; i < 50; i++)
			same &= rand_r(&a) == glibc_rand_r(&b) && a == b;
	}
	EXPECT(same, "rand_r is glibc's rand_r for 286 seeds, 50 steps each (numbers and seeds)");
#endif

	char *end;
	errno = 0;
	intmax_t im = strtoimax("-9223372036854775808x", &end, 10);
	EXPECT(im == INTMAX_MIN && *end == 'x' && errno == 0, "strtoimax of INTMAX_MIN");
	im = strtoimax("9223372036854775808", &end, 10);
	EXPECT(im == INTMAX_MAX && errno == ERANGE, "strtoimax saturates with ERANGE");
	errno = 0;
	uintmax_t um = strtoumax("0xffffffffffffffff", &end, 0);
	EXPECT(um == UINTMAX_MAX && errno == 0 && *end == '\0', "strtoumax in base 0");

	char buf[128];
	snprintf(buf, sizeof buf,
		 "%" PRId64 " %" PRIu64 " %" PRIx64 " %" PRIX32 " %" PRIdMAX " %" PRIuPTR
		 " %" PRIo8,
		 (int64_t)INT64_MIN, (uint64_t)UINT64_MAX, (uint64_t)0xabcdef0123ULL,
		 (uint32_t)0xbeef, (intmax_t)-1, (uintptr_t)4096, (uint8_t)8);
	EXPECT_STR(buf, "-9223372036854775808 18446744073709551615 abcdef0123 BEEF -1 4096 10",
		   "the PRI macros");
	EXPECT(!strcmp(SCNd64, "ld") && !strcmp(SCNu8, "hhu") && !strcmp(SCNx16, "hx"),
	       "the SCN macros");

	EXPECT(strcasecmp("Hello", "hELLO") == 0 && sign(strcasecmp("abc", "ABD")) == -1 &&
		   sign(strcasecmp("b", "A")) == 1 && sign(strcasecmp("ab", "AB!")) == -1,
	       "strcasecmp");
	EXPECT(strncasecmp("HELLOx", "helloy", 5) == 0 &&
		   sign(strncasecmp("HELLOx", "helloy", 6)) == -1 && strncasecmp("a", "b", 0) == 0,
	       "strncasecmp");
	EXPECT(sign(strcasecmp("[", "a")) == -1,
	       "strcasecmp compares lowered characters ('[' < 'a')");
	char z[8] = "abcdefg";
	bzero(z + 2, 3);
	EXPECT(z[1] == 'b' && z[2] == 0 && z[4] == 0 && z[5] == 'f', "bzero");
	char secret[16] = "hunter2";
	explicit_bzero(secret, sizeof secret);
	const volatile char *sv = secret;
	EXPECT(sv[0] == 0 && sv[6] == 0 && sv[15] == 0, "explicit_bzero");
	bcopy(z, z + 1, 5);
	EXPECT(z[0] == 'a' && z[1] == 'a' && z[2] == 'b' && z[6] == 'g',
	       "bcopy with overlap (source first)");
	EXPECT(bcmp("abc", "abd", 2) == 0 && bcmp("abc", "abd", 3) != 0, "bcmp");
	EXPECT(ffs(0) == 0 && ffs(1) == 1 && ffs(8) == 4 && ffs(INT_MIN) == 32 &&
		   ffsl(1L << 40) == 41 && ffsll(LLONG_MIN) == 64,
	       "ffs, ffsl, ffsll");

	EXPECT(CHAR_BIT == 8 && SCHAR_MIN == -128 && UCHAR_MAX == 255 && SHRT_MAX == 32767 &&
		   INT_MAX == 2147483647 && UINT_MAX == 4294967295U &&
		   LONG_MAX == 9223372036854775807L && LLONG_MIN == -LLONG_MAX - 1 &&
		   ULLONG_MAX == 18446744073709551615ULL && SSIZE_MAX == LONG_MAX,
	       "the integer limits");
	EXPECT(LONG_BIT == 64 && WORD_BIT == 32 && MB_LEN_MAX == 16 && PATH_MAX == 4096 &&
		   NAME_MAX == 255 && PIPE_BUF == 4096 && IOV_MAX == 1024,
	       "the POSIX limits (glibc's values)");
}

int main(void)
{
	for (int i = 0; i < 3; i++) /* before any srand (ktap_run runs the tests twice) */
		unseeded[i] = rand();
	return ktap_run(tests);
}
