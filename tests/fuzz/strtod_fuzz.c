/*
 * strtod_fuzz.c - a libFuzzer target holding the libc's strtod, strtof,
 * strtold and sscanf's number reading to glibc's on any text.
 *
 * Built like the libc's host tests (mk/fuzz.mk): the libc's own headers,
 * every libc name renamed to ilc_ (tests/libc/host/rename.h), so strtod
 * here is Interlude's; glibc's functions are reached by their symbol
 * names (asm labels), which the renaming does not touch.
 *
 * The input, cut at its first NUL, is read by the three functions and by
 * sscanf "%lf%n" and "%d%n"; the value's bits, where each stopped, errno,
 * sscanf's return value and %n must be glibc's, or the target aborts.
 * One difference is allowed, glibc's own defect (docs/FLOAT.md): hex
 * input whose result is subnormal in the type read.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double glibc_strtod(const char *, char **) __asm__("strtod");
float glibc_strtof(const char *, char **) __asm__("strtof");
long double glibc_strtold(const char *, char **) __asm__("strtold");
int glibc_sscanf(const char *, const char *, ...) __asm__("__isoc99_sscanf");
int *glibc_errno(void) __asm__("__errno_location");
void glibc_abort(void) __attribute__((noreturn)) __asm__("abort");
int glibc_fprintf(void *, const char *, ...) __asm__("fprintf");
extern void *glibc_stderr __asm__("stderr");
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reports which reader disagreed on s, and stops the run. */
__attribute__((noreturn)) static void fail(const char *what, const char *s)
{
	glibc_fprintf(glibc_stderr, "strtod_fuzz: %s differs from glibc on \"%.200s\"\n", what, s);
	glibc_abort();
}

/* Whether s is a hex number (0x after blanks and a sign): glibc's subnormal defect applies. */
static int is_hex(const char *s)
{
	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	if (*s == '+' || *s == '-')
		s++;
	return s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

/* The three readers by both on s. */
static void check_strto(const char *s)
{
	char *e1, *e2;
	errno = 0;
	*glibc_errno() = 0;
	double a = strtod(s, &e1), b = glibc_strtod(s, &e2);
	int tiny = a != 0 && __builtin_fabs(a) < 0x1p-1022;
	if ((memcmp(&a, &b, sizeof a) || errno != *glibc_errno()) && !(is_hex(s) && tiny))
		fail("strtod", s);
	if (e1 != e2)
		fail("strtod's end", s);
	errno = 0;
	*glibc_errno() = 0;
	float fa = strtof(s, &e1), fb = glibc_strtof(s, &e2);
	tiny = __builtin_fabsf(fa) < 0x1p-126f && !(fa == 0 && errno == 0);
	if ((memcmp(&fa, &fb, sizeof fa) || errno != *glibc_errno()) && !(is_hex(s) && tiny))
		fail("strtof", s);
	if (e1 != e2)
		fail("strtof's end", s);
	errno = 0;
	*glibc_errno() = 0;
	long double la = strtold(s, &e1), lb = glibc_strtold(s, &e2);
	tiny = la != 0 && __builtin_fabsl(la) < 0x1p-16382L;
	if ((memcmp(&la, &lb, 10) || errno != *glibc_errno()) && !(is_hex(s) && tiny))
		fail("strtold", s);
	if (e1 != e2)
		fail("strtold's end", s);
}

/* sscanf by both on s: a double and an int, each with %n. */
static void check_scanf(const char *s)
{
	double a = -7, b = -7;
	int na = -7, nb = -7;
	int ra = sscanf(s, "%lf%n", &a, &na), rb = glibc_sscanf(s, "%lf%n", &b, &nb);
	int tiny = a != 0 && __builtin_fabs(a) < 0x1p-1022;
	if (ra != rb || na != nb || (memcmp(&a, &b, sizeof a) && !(is_hex(s) && tiny)))
		fail("sscanf %lf", s);
	int ia = -7, ib = -7;
	na = nb = -7;
	ra = sscanf(s, "%d%n", &ia, &na);
	rb = glibc_sscanf(s, "%d%n", &ib, &nb);
	if (ra != rb || na != nb || ia != ib)
		fail("sscanf %d", s);
}

/* One input: the text up to its first NUL (at most 4 KiB of it). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char s[4097];
	size_t n = size < sizeof s - 1 ? size : sizeof s - 1;
	memcpy(s, data, n);
	s[n] = '\0';
	check_strto(s);
	check_scanf(s);
	return 0;
}
