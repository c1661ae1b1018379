/*
 * div.c - quotient and remainder in one call: div, ldiv, lldiv. C99
 * defines integer division to truncate toward zero, so the remainder has
 * the sign of the dividend (div(-7, 2) = {-3, -1}) and
 * quot * den + rem == num always. Dividing by 0, or the most negative
 * value by -1, is undefined, as for / and %.
 */
#include <stdlib.h>

/* num / den and num % den, for int. */
div_t div(int num, int den)
{
	div_t r = {num / den, num % den};
	return r;
}

/* The same for long. */
ldiv_t ldiv(long num, long den)
{
	ldiv_t r = {num / den, num % den};
	return r;
}

/* The same for long long. */
lldiv_t lldiv(long long num, long long den)
{
	lldiv_t r = {num / den, num % den};
	return r;
}
