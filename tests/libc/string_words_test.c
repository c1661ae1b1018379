/*
 * string_words_test.c - the word-at-a-time memcpy, memmove, memset, memcmp,
 * memchr and strlen against byte-by-byte reference loops: every alignment
 * of both buffers, every length through the overlapping-word, word-loop and
 * string-instruction paths, every overlap of memmove, bytes outside the
 * destination untouched, and strlen/memchr reading up to the last byte
 * before an inaccessible page without faulting.
 *
 * test-run: ktap host
 */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include "ktap.h"

#define AREA 2304
#define GUARD 0xee

static unsigned char src[AREA], dst[AREA], want[AREA];

/* The references are byte loops the compiler may not turn into calls to the functions under test.
 */
#define REFERENCE __attribute__((noinline, optimize("no-tree-loop-distribute-patterns")))

/* Sets n bytes at p to c, one at a time. */
REFERENCE static void ref_fill(unsigned char *p, unsigned char c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = c;
}

/* 1 if the n bytes at a and b are equal, compared one at a time. */
REFERENCE static int ref_same(const unsigned char *a, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* Copies n bytes from s to d, one at a time (no overlap). */
REFERENCE static void ref_copy(unsigned char *d, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		d[i] = s[i];
}

/* A byte pattern with bytes above 127 and no zero, different for each i. */
static unsigned char pattern(size_t i)
{
	unsigned char b = (unsigned char)(i * 7 + 1) | (unsigned char)((i & 1) << 7);
	return b ? b : 3;
}

/* The lengths tried: all up to 80, then around every threshold, then a few long ones. */
static const size_t lengths[] = {81,  95,   96,	  97,	127,  128,  129,  191,	192,
				 193, 200,  255,  256,	257,  319,  320,  321,	383,
				 384, 385,  500,  511,	512,  513,  519,  520,	521,
				 767, 1000, 1023, 1024, 1025, 2047, 2048, 2049, 2100};
#define NLEN (81 + sizeof lengths / sizeof lengths[0])

/* The k-th length tried. */
static size_t length(size_t k)
{
	return k < 81 ? k : lengths[k - 81];
}

/* memcpy of n bytes from src+so to dst+dof is right and leaves the 16 bytes around it alone. */
static int copy_ok(size_t so, size_t dof, size_t n)
{
	size_t w = dof + n + 16;
	ref_fill(dst, GUARD, w);
	ref_fill(want, GUARD, w);
	ref_copy(want + dof, src + so, n);
	return memcpy(dst + dof, src + so, n) == dst + dof && ref_same(dst, want, w);
}

/* memset of n bytes at dst+dof to c is right and leaves the 16 bytes around it alone. */
static int fill_ok(size_t dof, int c, size_t n)
{
	size_t w = dof + n + 16;
	ref_fill(dst, GUARD, w);
	ref_fill(want, GUARD, w);
	ref_fill(want + dof, (unsigned char)c, n);
	return memset(dst + dof, c, n) == dst + dof && ref_same(dst, want, w);
}

/* Every source and destination alignment 0-8 and every length tried, for memcpy and memset. */
static int all_copies_and_fills(void)
{
	for (size_t so = 0; so <= 8; so++)
		for (size_t dof = 16; dof <= 24; dof++)
			for (size_t k = 0; k < NLEN; k++)
				if (!copy_ok(so, dof, length(k)) ||
				    (so == 0 && !fill_ok(dof, 0x1a5, length(k))))
					return 0;
	return 1;
}

/* Long enough for memcpy's and memset's string-instruction paths (from 512 and 2048 bytes). */
#define BIG (64 * 1024 + 64)
static unsigned char big[BIG + 32];

/* memset of n bytes at big+dof is right, and the 16 bytes on either side are untouched. */
static int big_fill_ok(size_t dof, size_t n)
{
	ref_fill(big, GUARD, sizeof big);
	memset(big + 16 + dof, 0x5c, n);
	for (size_t i = 0; i < sizeof big; i++)
		if (big[i] != (i >= 16 + dof && i < 16 + dof + n ? 0x5c : GUARD))
			return 0;
	return 1;
}

/* memset of long runs (`rep stosq`) up to 64 KiB, odd lengths, alignments 0-8. */
static int long_fills(void)
{
	static const size_t n[] = {4095, 4096, 4097, 65536 - 13, 65536};
	for (size_t dof = 0; dof <= 8; dof++)
		for (size_t k = 0; k < sizeof n / sizeof n[0]; k++)
			if (!big_fill_ok(dof, n[k]))
				return 0;
	return 1;
}

/* memmove of n bytes from dst+from to dst+to, against a copy through a temporary. */
static int move_ok(size_t to, size_t from, size_t n)
{
	size_t w = (to > from ? to : from) + n + 16;
	ref_copy(dst, src, w);
	ref_copy(want, src, w);
	ref_copy(want + to, src + from, n);
	return memmove(dst + to, dst + from, n) == dst + to && ref_same(dst, want, w);
}

/* Every length tried, moved by every distance -40..40 and by a few long ones, both ways. */
static int all_moves(void)
{
	static const size_t far[] = {63, 64, 65, 100, 511, 512, 700};
	for (size_t k = 0; k < NLEN; k++) {
		size_t n = length(k);
		if (n + 1000 > AREA)
			continue;
		for (size_t base = 0; base < 3; base++) {
			for (size_t dist = 0; dist <= 40; dist++)
				if (!move_ok(200 + base + dist, 200, n) ||
				    !move_ok(200, 200 + base + dist, n))
					return 0;
			for (size_t f = 0; f < sizeof far / sizeof far[0]; f++)
				if (!move_ok(base + far[f], base, n) ||
				    !move_ok(base, base + far[f], n))
					return 0;
		}
	}
	return 1;
}

/* memcmp's result is exactly the difference of the first differing bytes, as a byte loop's. */
static int all_compares(void)
{
	for (size_t k = 1; k < NLEN; k++) {
		size_t n = length(k);
		for (size_t off = 0; off < 8; off++) {
			ref_copy(dst, src + off, n);
			if (memcmp(dst, src + off, n) != 0)
				return 0;
			for (size_t at = 0; at < n; at += at < 70 ? 1 : 61) {
				unsigned char keep = dst[at];
				dst[at] = (unsigned char)(keep ^ 0x81);
				int got = memcmp(dst, src + off, n);
				int ref = (int)dst[at] - (int)src[off + at];
				int back = memcmp(src + off, dst, n);
				dst[at] = keep;
				if (got != ref || back != -ref || memcmp(dst, src + off, at) != 0)
					return 0;
			}
		}
	}
	return 1;
}

/* strlen and strnlen of every length 0-200 at every alignment 0-31, with nonzero bytes after. */
static int all_lengths(void)
{
	for (size_t off = 0; off < 32; off++)
		for (size_t n = 0; n <= 200; n++) {
			for (size_t i = 0; i < 300; i++)
				dst[i] = pattern(i);
			dst[off + n] = 0;
			const char *s = (const char *)dst + off;
			if (strlen(s) != n || strnlen(s, n) != n || strnlen(s, n + 1) != n ||
			    (n && strnlen(s, n - 1) != n - 1) || strnlen(s, (size_t)-1) != n)
				return 0;
		}
	return 1;
}

/* memchr finds the first match only within n bytes, for every alignment, position and bound. */
static int all_searches(void)
{
	for (size_t off = 0; off < 16; off++)
		for (size_t at = 0; at < 40; at++) {
			for (size_t i = 0; i < 100; i++)
				dst[i] = pattern(i) == 0xc3 ? 1 : pattern(i);
			dst[off + at] = 0xc3;
			dst[off + at + 3] = 0xc3;
			for (size_t n = 0; n < 48; n++) {
				void *want_p = n > at ? dst + off + at : NULL;
				if (memchr(dst + off, 0xc3, n) != want_p ||
				    memchr(dst + off, 0x1c3, n) != want_p)
					return 0;
			}
			if (memchr(dst + off, 0xc3, (size_t)-1) != dst + off + at)
				return 0;
		}
	return 1;
}

/*
 * The string's NUL (or memchr's last byte) is the last byte before a page
 * that cannot be read: the word-at-a-time reads must stop at it.
 */
static int stops_at_a_page_end(void)
{
	unsigned char *two =
	    mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (two == MAP_FAILED || mprotect(two + 4096, 4096, PROT_NONE) != 0)
		return 0;
	unsigned char *end = two + 4096;
	ref_fill(two, 'a', 4096);
	int ok = 1;
	for (size_t n = 0; n < 72; n++) {
		end[-1] = 0;
		ok &= strlen((const char *)end - 1 - n) == n;
		end[-1] = 'z';
		ok &= memchr(end - n - 1, 'z', n + 1) == end - 1;
		ok &= memchr(end - n - 1, 'q', n + 1) == NULL;
	}
	munmap(two, 8192);
	return ok;
}

int main(void)
{
	for (size_t i = 0; i < AREA; i++)
		src[i] = pattern(i);
	ktap_begin(7);
	EXPECT(all_copies_and_fills(),
	       "memcpy and memset: alignments 0-8, lengths 0-2100, bytes outside untouched");
	EXPECT(long_fills(), "memset: long runs up to 64 KiB (rep stosq), alignments 0-8");
	EXPECT(all_moves(),
	       "memmove: overlaps by 0-40 bytes and far apart, both directions, lengths 0-1030");
	EXPECT(all_compares(),
	       "memcmp: the difference of the first differing bytes, at every position");
	EXPECT(all_lengths(), "strlen and strnlen: lengths 0-200 at alignments 0-31");
	EXPECT(all_searches(),
	       "memchr: first match within n only, every alignment, c taken as unsigned char");
	EXPECT(stops_at_a_page_end(),
	       "strlen and memchr do not read past a string that ends a page");
	return ktap_end();
}
