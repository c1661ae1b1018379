/*
 * inttypes.c - the intmax_t functions of <inttypes.h>. intmax_t is long
 * on x86-64, so each is its long counterpart (strtol for strtoimax).
 */
#include <inttypes.h>
#include <stdlib.h>

_Static_assert(sizeof(intmax_t) == sizeof(long), "intmax_t is long on LP64");

/* |v| (of INTMAX_MIN: undefined, as C says). */
intmax_t imaxabs(intmax_t v)
{
	return v < 0 ? -v : v;
}

/* num / den and num % den, truncated toward zero. */
imaxdiv_t imaxdiv(intmax_t num, intmax_t den)
{
	imaxdiv_t r = {num / den, num % den};
	return r;
}

/* strtol: the string's value, saturated at INTMAX_MIN/INTMAX_MAX with ERANGE. */
intmax_t strtoimax(const char *restrict s, char **restrict end, int base)
{
	return strtol(s, end, base);
}

/* strtoul: the string's value, saturated at UINTMAX_MAX with ERANGE ("-1" is UINTMAX_MAX, as C
 * says). */
uintmax_t strtoumax(const char *restrict s, char **restrict end, int base)
{
	return strtoul(s, end, base);
}
