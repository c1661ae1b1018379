/*
 * strverscmp.c - GNU's order of version strings: as strcmp, except that
 * digits are read as numbers where both strings have them, so "file9"
 * comes before "file10", and a number that starts with 0 is a fraction,
 * which comes before the whole numbers ("000" < "00" < "01" < "010" <
 * "09" < "0" < "1" < "9" < "10").
 */
#include <string.h>

/* What the digits just before the first difference are, in the part both
 * strings share: none, a whole number (its first digit is not 0), zeros
 * only, or a fraction (a 0, then other digits). */
enum run { NONE, WHOLE, ZEROS, FRACTION };

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The kind of the run of digits that ends just before s[i]. */
static enum run run_before(const unsigned char *s, size_t i)
{
	size_t j = i;
	while (j > 0 && is_digit(s[j - 1]))
		j--;
	if (j == i)
		return NONE;
	if (s[j] != '0')
		return WHOLE;
	for (size_t k = j; k < i; k++)
		if (s[k] != '0')
			return FRACTION;
	return ZEROS;
}

/* 1 if the digits from a go on longer than those from b, -1 if shorter, 0 if as long. */
static int longer(const unsigned char *a, const unsigned char *b)
{
	for (;; a++, b++) {
		int da = is_digit(*a), db = is_digit(*b);
		if (da != db)
			return da ? 1 : -1;
		if (!da)
			return 0;
	}
}

/* Compares two numbers that differ first at a and b: the longer one is
 * greater, and of two as long the one whose digit there is greater. */
static int by_length(const unsigned char *a, const unsigned char *b)
{
	int l = longer(a + 1, b + 1);
	return l ? l : *a - *b;
}

int strverscmp(const char *s1, const char *s2)
{
	const unsigned char *a = (const unsigned char *)s1, *b = (const unsigned char *)s2;
	size_t i = 0;
	while (a[i] == b[i]) {
		if (!a[i])
			return 0;
		i++;
	}
	int da = is_digit(a[i]), db = is_digit(b[i]);
	switch (run_before(a, i)) {
	case NONE: /* two numbers starting here, neither a fraction */
		if (da && db && a[i] != '0' && b[i] != '0')
			return by_length(a + i, b + i);
		break;
	case WHOLE: /* the number that goes on is the greater */
		if (da != db)
			return da ? 1 : -1;
		if (da)
			return by_length(a + i, b + i);
		break;
	case ZEROS: /* more zeros: a smaller fraction */
		if (da != db)
			return da ? -1 : 1;
		break;
	case FRACTION: /* fractions compare digit by digit */ break;
	}
	return a[i] - b[i];
}
