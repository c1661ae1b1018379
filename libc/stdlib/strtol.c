/*
 * strtol.c - strings to integers: strtol, strtoul, strtoll, strtoull.
 *
 * All four share scan(): leading white space, an optional sign, then
 * digits in the base (2..36; 0 means "0x" -> 16, "0" -> 8, else 10; 16
 * accepts "0x"). The value saturates on overflow with errno ERANGE; if
 * no digits were found, *end is s itself and the result 0.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

/* The value of c as a digit (0-35), or 99 if it is none. */
static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * Parses s as above, clamping the magnitude to lim; sets *neg for a '-',
 * *overflow when the digits went past lim, *end past the last digit.
 */
static unsigned long long scan(const char *s, char **end, int base, unsigned long long lim,
			       int *neg, int *overflow)
{
	const char *p = s;
	*neg = 0;
	*overflow = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	const char *digits = p;
	unsigned long long v = 0;
	for (int d; (d = digit_value((unsigned char)*p)) < base; p++) {
		if (*overflow)
			continue;
		if (v > (lim - (unsigned)d) / (unsigned)base) {
			*overflow = 1;
			v = lim;
		} else {
			v = v * (unsigned)base + (unsigned)d;
		}
	}
	if (end)
		*end = (char *)(p == digits ? s : p);
	return v;
}

/* A signed long long; LLONG_MIN/LLONG_MAX with ERANGE on overflow. */
long long strtoll(const char *restrict s, char **restrict end, int base)
{
	int neg, over;
	unsigned long long lim = (unsigned long long)LLONG_MAX;
	unsigned long long v = scan(s, end, base, lim + 1, &neg, &over);
	if (over || (!neg && v > lim)) {
		errno = ERANGE;
		return neg ? LLONG_MIN : LLONG_MAX;
	}
	return neg ? (long long)(0 - v) : (long long)v;
}

/*
 * An unsigned long long; ULLONG_MAX with ERANGE on overflow. As C says, a
 * '-' negates the value in the unsigned type ("-1" is ULLONG_MAX).
 */
unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	int neg, over;
	unsigned long long v = scan(s, end, base, ULLONG_MAX, &neg, &over);
	if (over) {
		errno = ERANGE;
		return ULLONG_MAX;
	}
	return neg ? 0 - v : v;
}

/* A signed long; LONG_MIN/LONG_MAX with ERANGE on overflow. */
long strtol(const char *restrict s, char **restrict end, int base)
{
	int neg, over;
	unsigned long long lim = (unsigned long long)LONG_MAX;
	unsigned long long v = scan(s, end, base, lim + 1, &neg, &over);
	if (over || (!neg && v > lim)) {
		errno = ERANGE;
		return neg ? LONG_MIN : LONG_MAX;
	}
	return neg ? (long)(0 - v) : (long)v;
}

/* An unsigned long; ULONG_MAX with ERANGE on overflow; "-1" is ULONG_MAX. */
unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	int neg, over;
	unsigned long long v = scan(s, end, base, ULONG_MAX, &neg, &over);
	if (over) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return neg ? (unsigned long)(0 - v) : (unsigned long)v;
}
