/*
 * nan.c - nan(tag) and nanf(tag): a quiet NaN whose payload (the fraction
 * bits below the quiet bit) is the number tag spells, as glibc reads it:
 * tag must be entirely an unsigned integer in C's base-0 notation ("123",
 * "0x7b", "0173"), else the payload is 0; a number too wide is cut to the
 * payload's bits (51 for double, 22 for float; an out-of-range number is
 * all ones, and errno is then ERANGE, as glibc leaves it). nan("") is the
 * default NaN, 0x7ff8000000000000.
 */
#include <math.h>
#include <stdlib.h>
#include "math/ext.h"

/* The number tag spells, or 0 if it is not entirely an unsigned integer (ERANGE if too long:
 * glibc's errno too). */
static unsigned long long payload(const char *tag)
{
	for (const char *p = tag; *p; p++) {
		char c = *p;
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      c == '_'))
			return 0; /* not an n-char-sequence at all: no sign, no space */
	}
	if (*tag == '\0')
		return 0;
	char *end;
	unsigned long long v = strtoull(tag, &end, 0);
	return *end == '\0' ? v : 0;
}

/* A quiet NaN with tag's payload. */
double nan(const char *tag)
{
	return math_double(0x7ff8000000000000ULL | (payload(tag) & ((1ULL << 52) - 1)));
}

/* nan in float. */
float nanf(const char *tag)
{
	return math_float(0x7fc00000U | (uint32_t)(payload(tag) & ((1U << 23) - 1)));
}
