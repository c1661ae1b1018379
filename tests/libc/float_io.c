/*
 * float_io.c - floating point in and out, as a student's program does it:
 * printf's %f %e %g %a (flags, widths, precisions, L), strtod/strtof/
 * strtold/atof (values, where they stop, errno) and sscanf, on fixed
 * hard cases and on 400 pseudo-random values from a fixed seed. The
 * output is plain text, and make test checks that it is the same byte
 * for byte on Linux with glibc (this file built by the host compiler:
 * tools/same-as-glibc.py), on Linux with Interlude's libc, and on
 * Interlude.
 *
 * It avoids the two places where glibc is not what C says (see
 * tests/libc/host/fp_compare.c): %#g of a number that rounds up to a new
 * power of ten, and hex input that becomes a subnormal float.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One value in many specifications, on one line each. */
static void show(double x)
{
	static const char *const formats[] = {
	    "%f",    "%.0f", "%.3f", "%e",	  "%.0e",    "%.12e", "%g",    "%.3g",
	    "%.17g", "%a",   "%.2a", "%+-14.4e|", "%012.2f", "% G",   "%#.0f", "%#.5g",
	};
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		printf(formats[i], x);
		putchar(i + 1 < sizeof formats / sizeof formats[0] ? ' ' : '\n');
	}
}

/* strtod, strtof and strtold of s: the values (in hex, exactly), where each stopped, errno. */
static void read_back(const char *s)
{
	char *end;
	errno = 0;
	double d = strtod(s, &end);
	printf("strtod(\"%s\") = %a, %.17g, end +%d, errno %s\n", s, d, d, (int)(end - s),
	       errno == ERANGE ? "ERANGE"
	       : errno	       ? "?"
			       : "0");
	errno = 0;
	float f = strtof(s, &end);
	printf("  strtof %a end +%d errno %d;", (double)f, (int)(end - s), errno == ERANGE);
	errno = 0;
	long double ld = strtold(s, &end);
	printf(" strtold %La %.21Lg end +%d errno %d\n", ld, ld, (int)(end - s), errno == ERANGE);
}

/* sscanf of input by a few formats: the count, what was read, how far. */
static void scan(const char *input)
{
	double d = -1, e = -1;
	float f = -1;
	int i = -1, n = -1;
	char word[16] = "";
	int r = sscanf(input, "%lf%n", &d, &n);
	printf("sscanf(\"%s\", \"%%lf%%n\") = %d: %a, %d\n", input, r, d, n);
	n = -1;
	r = sscanf(input, "%d %f %15s %le%n", &i, &f, word, &e, &n);
	printf("  \"%%d %%f %%15s %%le%%n\" = %d: %d %a [%s] %a %d\n", r, i, (double)f, word, e, n);
}

static uint64_t seed = 0x5eed2026;

/* A fixed pseudo-random sequence (splitmix64). */
static uint64_t next_random(void)
{
	uint64_t z = (seed += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* The hard cases, then the strings, the scanf inputs and the random values; 0. */
int main(void)
{
	const double hard[] = {
	    0.0,
	    -0.0,
	    1.0,
	    0.1,
	    0.5,
	    1.5,
	    2.5,
	    -2.5,
	    1e-7,
	    123456789.0,
	    1e21,
	    1e22,
	    1e23,
	    9007199254740993.0,
	    1.7976931348623157e308,
	    2.2250738585072014e-308,
	    4.9e-324,
	    1.0 / 3,
	    2.675,
	    1.005,
	    0.15,
	    1e300,
	    -1e-300,
	    __builtin_inf(),
	    -__builtin_inf(),
	    __builtin_nan(""),
	};
	for (size_t i = 0; i < sizeof hard / sizeof hard[0]; i++)
		show(hard[i]);
	printf("%Lf %Le %Lg %La %.30Lf\n", 0.1L, 1e4000L, 3.0L / 7, 1.0L, 1.0L / 3);
	printf("%.60f\n%.30e\n%.1080f\n", 0.1, 1e-20, 4.9e-324);
	printf("[%*.*f] [%-*.*e] [%.*g]\n", 12, 3, 3.14159, 14, 2, -2.5e-10, 30, 0.1);

	static const char *const strings[] = {
	    "0",
	    "-0",
	    "3.14159",
	    "  +1.5e3xyz",
	    "1e400",
	    "-1e400",
	    "1e-400",
	    "5e-324",
	    "2.4703282292062328e-324",
	    "2.2250738585072011e-308",
	    "1.7976931348623159e308",
	    "9007199254740993",
	    "9007199254740993.00000000000000000001",
	    "0x1.8p1",
	    "0x1p-1074",
	    "0X1.FFFFFFFFFFFFFP+1023",
	    "0x",
	    "0x.p1",
	    "inf",
	    "-Infinity",
	    "nan",
	    "nan(123)",
	    "1e",
	    "1e+",
	    ".5",
	    ".",
	    "",
	    "junk",
	    "123456789012345678901234567890",
	    "3.4028235e38",
	    "3.4028236e38",
	    "1e-45",
	    "1e-4951",
	    "1.18973149535723176502e4932",
	};
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		read_back(strings[i]);
	printf("atof(\"2.5e-3\") = %g\n", atof("2.5e-3"));

	static const char *const inputs[] = {
	    "3.25",   "  -1e-3 rest",	   "1e+x", "0x1p4", "0x",  "-0x", "inf",  "infinit",
	    "nan(x)", "12 2.5 word 1e300", "7 .5", "",	    "   ", "x",	  "1.5e", "4e400 1 w 2",
	};
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
		scan(inputs[i]);

	/* random doubles (every exponent): printed, and the %.17g text read back exactly */
	int exact = 0;
	for (int k = 0; k < 400; k++) {
		uint64_t u = next_random();
		double x;
		memcpy(&x, &u, sizeof x);
		if (x != x)
			continue;
		char text[64];
		snprintf(text, sizeof text, "%.17g", x);
		double back = strtod(text, NULL);
		exact += memcmp(&back, &x, sizeof x) == 0;
		printf("%s %.3e %.20g %a %.4f\n", text, x, x, x, x);
	}
	printf("%d values read back exactly\n", exact);
	return 0;
}
