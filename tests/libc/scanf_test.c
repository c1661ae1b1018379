/*
 * scanf_test.c - the scanf family through sscanf (the engine fscanf and
 * scanf share): integers of every size and base, strings, sets, characters,
 * literals and white space, %n, suppression, widths, floating point by
 * strtod's exact rounding, and the return values: the count, or EOF for
 * an input failure before the first conversion. The expected values are
 * glibc's (this file also builds against glibc: gcc scanf_test.c
 * -Itests/include, to check that).
 *
 * test-run: ktap host
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include "ktap.h"

#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"

/* Whether two doubles have the same bits (so -0.0 and 0.0 differ, and nan is itself). */
static int same_double(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

/* Every integer conversion, size and base; signs, widths, overflow, (nil), suppression. */
static void integers(void)
{
	int i = -99, j = -99, n = -99;
	EXPECT(sscanf("42", "%d", &i) == 1 && i == 42, "%%d");
	EXPECT(sscanf("  -17 rest", "%d%n", &i, &n) == 1 && i == -17 && n == 5,
	       "%%d skips space; %%n");
	EXPECT(sscanf("+8", "%d", &i) == 1 && i == 8, "%%d with +");
	EXPECT(sscanf("0x1f", "%i", &i) == 1 && i == 31, "%%i hex");
	EXPECT(sscanf("017", "%i", &i) == 1 && i == 15, "%%i octal");
	EXPECT(sscanf("-0x10", "%i", &i) == 1 && i == -16, "%%i negative hex");
	EXPECT(sscanf("089", "%i%d", &i, &j) == 2 && i == 0 && j == 89, "%%i octal stops at 8");
	n = -1;
	EXPECT(sscanf("0x", "%x%n", &i, &n) == 1 && i == 0 && n == 2,
	       "%%x of 0x: 0, the x consumed");
	n = -1;
	EXPECT(sscanf("0xg", "%x%n", &i, &n) == 1 && i == 0 && n == 2, "%%x of 0xg");
	EXPECT(sscanf("ff", "%x", &i) == 1 && i == 255, "%%x");
	EXPECT(sscanf("FF", "%X", &i) == 1 && i == 255, "%%X");
	EXPECT(sscanf("777", "%o", &i) == 1 && i == 511, "%%o");
	EXPECT(sscanf("8", "%o", &i) == 0, "%%o of 8 fails");
	EXPECT(sscanf("-", "%d", &i) == 0, "a sign alone fails");
	EXPECT(sscanf("+", "%u", &i) == 0, "a + alone fails");
	EXPECT(sscanf("", "%d", &i) == EOF, "empty input is EOF");
	EXPECT(sscanf("   ", "%d", &i) == EOF, "only white space is EOF");
	EXPECT(sscanf("x", "%d", &i) == 0, "a letter is a matching failure");
	unsigned u = 0;
	EXPECT(sscanf("4294967295", "%u", &u) == 1 && u == 4294967295u, "%%u UINT_MAX");
	EXPECT(sscanf("-1", "%u", &u) == 1 && u == 4294967295u, "%%u of -1");
	EXPECT(sscanf("99999999999999999999", "%d", &i) == 1 && i == -1,
	       "%%d cuts strtol's LONG_MAX");
	long l = 0;
	EXPECT(sscanf("99999999999999999999", "%ld", &l) == 1 && l == LONG_MAX, "%%ld saturates");
	long long ll = 0;
	EXPECT(sscanf("-99999999999999999999", "%lld", &ll) == 1 && ll == LLONG_MIN,
	       "%%lld saturates");
	unsigned long long ull = 0;
	EXPECT(sscanf("18446744073709551615", "%llu", &ull) == 1 && ull == ULLONG_MAX, "%%llu");
	unsigned char hh = 0;
	EXPECT(sscanf("300", "%hhu", &hh) == 1 && hh == 44, "%%hhu wraps");
	signed char shh = 0;
	EXPECT(sscanf("-129", "%hhd", &shh) == 1 && shh == 127, "%%hhd wraps");
	short h = 0;
	EXPECT(sscanf("70000", "%hd", &h) == 1 && h == 4464, "%%hd wraps");
	size_t z = 0;
	EXPECT(sscanf("123456789012", "%zu", &z) == 1 && z == 123456789012u, "%%zu");
	intmax_t jm = 0;
	EXPECT(sscanf("-9223372036854775808", "%jd", &jm) == 1 && jm == INTMAX_MIN, "%%jd");
	ptrdiff_t t = 0;
	EXPECT(sscanf("-5", "%td", &t) == 1 && t == -5, "%%td");
	EXPECT(sscanf("12345", "%3d%d", &i, &j) == 2 && i == 123 && j == 45,
	       "a width splits a number");
	n = -1;
	EXPECT(sscanf("-5", "%1d%n", &i, &n) == 0 && n == -1,
	       "width 1 leaves only the sign: fails");
	EXPECT(sscanf("12 34", "%*d %d", &i) == 1 && i == 34, "%%*d suppresses, not counted");
	void *p = (void *)1;
	EXPECT(sscanf("0x7fff", "%p", &p) == 1 && p == (void *)0x7fff, "%%p");
	p = (void *)1;
	EXPECT(sscanf("(nil)", "%p", &p) == 1 && p == NULL, "%%p of (nil)");
	EXPECT(sscanf("1 2", "%d %d %d", &i, &j, &n) == 2, "input ends before the third: 2");
	EXPECT(sscanf("1 x", "%d %d", &i, &j) == 1, "a mismatch after one: 1");
}

/* %s, %c and %[...]: widths, white space, the set's special first characters. */
static void strings_sets_chars(void)
{
	char a[32], b[32];
	int n = -1, i = 0;
	EXPECT(sscanf("hello world", "%s %s", a, b) == 2 && !strcmp(a, "hello") &&
		   !strcmp(b, "world"),
	       "%%s %%s");
	EXPECT(sscanf("abcdef", "%3s%s", a, b) == 2 && !strcmp(a, "abc") && !strcmp(b, "def"),
	       "%%3s");
	char c = 0;
	EXPECT(sscanf("  x", "%c", &c) == 1 && c == ' ', "%%c does not skip space");
	EXPECT(sscanf("  x", " %c", &c) == 1 && c == 'x', "' %%c' does");
	memset(a, '.', sizeof a);
	EXPECT(sscanf("ab", "%5c", a) == 1 && !memcmp(a, "ab...", 5),
	       "%%5c stops at the end, no NUL");
	EXPECT(sscanf("abc123", "%[a-z]%d", a, &i) == 2 && !strcmp(a, "abc") && i == 123,
	       "%%[a-z]");
	EXPECT(sscanf("]x-y", "%[]x-]", a) == 1 && !strcmp(a, "]x-"),
	       "%%[]x-]: ] and - as members");
	EXPECT(sscanf("hello", "%[^l]", a) == 1 && !strcmp(a, "he"), "%%[^l]");
	EXPECT(sscanf("a-z", "%[z-a]", a) == 1 && !strcmp(a, "a-z"), "%%[z-a]: not a range");
	EXPECT(sscanf("abcdef", "%2[a-z]", a) == 1 && !strcmp(a, "ab"), "%%2[a-z]");
	EXPECT(sscanf("", "%[a]", a) == EOF, "%%[ at the end: EOF");
	EXPECT(sscanf("b", "%[a]", a) == 0, "%%[ with no member first: 0");
	EXPECT(sscanf(" a", "%[a]", a) == 0, "%%[ does not skip space");
	EXPECT(sscanf("abc", "%*[a-b]%n", &n) == 0 && n == 2, "%%*[ and %%n are not counted");
	EXPECT(sscanf("x y", "%*s%n", &n) == 0 && n == 1, "%%*s");
}

/* Ordinary characters, white space, %% and %n; where EOF is returned and where 0. */
static void literals_and_counts(void)
{
	int i = 0, j = 0, n1 = -1, n2 = -1;
	EXPECT(sscanf("a=1,b=2", "a=%d,b=%d", &i, &j) == 2 && i == 1 && j == 2, "literals");
	EXPECT(sscanf("a = 1", "a = %d", &i) == 1 && i == 1, "white space matches white space");
	EXPECT(sscanf("a=1", "a = %d", &i) == 1 && i == 1, "... or none");
	EXPECT(sscanf("x", "y%d", &i) == 0, "a literal that differs: 0");
	EXPECT(sscanf("", "y%d", &i) == EOF, "a literal at the end: EOF");
	EXPECT(sscanf("5%", "%d%%", &i) == 1, "%%%%");
	EXPECT(sscanf("5 %", "%d%%", &i) == 1, "%%%% skips white space before it");
	EXPECT(sscanf("5x", "%d%%", &i) == 1, "%%%% that does not match");
	EXPECT(sscanf("1 2", "%d%n %n%d", &i, &n1, &n2, &j) == 2 && n1 == 1 && n2 == 2,
	       "%%n before and after white space");
	EXPECT(sscanf("", "%n", &n1) == 0 && n1 == 0, "%%n on empty input: 0, not EOF");
	EXPECT(sscanf("abc", "abc%n", &n1) == 0 && n1 == 3, "%%n after literals");
	EXPECT(sscanf("1", "%d ", &i) == 1, "white space at the end of the format");
	EXPECT(sscanf("1", "%d%q", &i) == 1, "an unknown conversion stops after the count");
}

/* %f %e %g %a in float, double and long double: what is collected and what strtod makes of it. */
static void floats(void)
{
	float f = 0;
	double d = 0;
	long double ld = 0;
	int n = -1;
	char s[32];
	EXPECT(sscanf("3.14", "%f", &f) == 1 && f == 3.14f, "%%f float");
	EXPECT(sscanf("3.14", "%lf", &d) == 1 && d == 3.14, "%%lf double");
	EXPECT(sscanf("3.14", "%Lf", &ld) == 1 && ld == 3.14L, "%%Lf long double");
	EXPECT(sscanf("0.1", "%llf", &ld) == 1 && ld == 0.1L, "%%llf long double");
	EXPECT(sscanf("1e+x", "%lf%n", &d, &n) == 1 && d == 1.0 && n == 3,
	       "1e+ collected, 1 converted");
	EXPECT(sscanf("1e", "%lf%n", &d, &n) == 1 && d == 1.0 && n == 2, "1e");
	EXPECT(sscanf("0x", "%lf", &d) == 0, "0x alone fails");
	d = -1;
	EXPECT(sscanf("0x.", "%lf%n", &d, &n) == 1 && same_double(d, 0.0) && n == 3, "0x. reads 0");
	EXPECT(sscanf("-0x", "%lf", &d) == 0, "-0x alone fails");
	EXPECT(sscanf(".e1", "%lf", &d) == 0, ".e1 fails");
	EXPECT(sscanf(".", "%lf", &d) == 0, ". fails");
	EXPECT(sscanf("-", "%lf", &d) == 0, "- fails");
	EXPECT(sscanf("", "%lf", &d) == EOF, "empty: EOF");
	EXPECT(sscanf("inf", "%lf", &d) == 1 && d == __builtin_inf(), "inf");
	EXPECT(sscanf("-Infinity", "%lf", &d) == 1 && d == -__builtin_inf(), "-Infinity");
	EXPECT(sscanf("infinit", "%lf", &d) == 0, "infinit fails");
	EXPECT(sscanf("infx", "%lf%n", &d, &n) == 1 && n == 3, "infx reads inf");
	EXPECT(sscanf("nan(abc)", "%lf%n", &d, &n) == 1 && d != d && n == 3,
	       "nan(...) reads nan only");
	EXPECT(sscanf("na", "%lf", &d) == 0, "na fails");
	EXPECT(sscanf("0x1.8p1", "%la", &d) == 1 && d == 3.0, "%%la hex");
	EXPECT(sscanf("1.5E3", "%le", &d) == 1 && d == 1500.0, "%%le");
	EXPECT(sscanf("2.5", "%lg", &d) == 1 && d == 2.5, "%%lg");
	EXPECT(sscanf("12.5e-1xyz", "%5lf%s", &d, s) == 2 && d == 12.5 && !strcmp(s, "-1xyz"),
	       "a width cuts the number");
	EXPECT(sscanf("   +.5", "%f", &f) == 1 && f == 0.5f, "+.5");
	EXPECT(sscanf("-0", "%lf", &d) == 1 && same_double(d, -0.0), "-0");
	EXPECT(sscanf("1e400", "%lf", &d) == 1 && d == __builtin_inf(), "1e400 is inf");
	EXPECT(sscanf("1e-400", "%lf", &d) == 1 && same_double(d, 0.0), "1e-400 is 0");
	EXPECT(sscanf("123456789012345678901234567890", "%lf", &d) == 1 &&
		   d == 123456789012345678901234567890.0,
	       "30 digits");
	EXPECT(sscanf("9007199254740993", "%lf", &d) == 1 && d == 9007199254740992.0,
	       "2^53 + 1: halfway, to even");
	EXPECT(sscanf("9007199254740993.0000000000000000000000000000001", "%lf", &d) == 1 &&
		   d == 9007199254740994.0,
	       "just above halfway");
	EXPECT(sscanf("2.2250738585072011e-308", "%lf", &d) == 1 && d == 0x0.fffffffffffffp-1022,
	       "the largest subnormal");
	EXPECT(sscanf("1.5 2.5", "%*f %lf", &d) == 1 && d == 2.5, "%%*f");
	EXPECT(sscanf("3.4028236e38", "%f", &f) == 1 && f == __builtin_inff(),
	       "float overflow is its own: inf");
	EXPECT(sscanf("3.4028235677973366e38", "%f", &f) == 1 && f == 0x1.fffffep127f,
	       "just below the float halfway to 2^128: FLT_MAX");
}

/* Every group, so ktap_run can count the checks. */
static void all(void)
{
	integers();
	strings_sets_chars();
	literals_and_counts();
	floats();
}

/* The checks as one KTAP stream; the number of failures. */
int main(void)
{
	return ktap_run(all);
}
