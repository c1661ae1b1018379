/*
 * ctype_test.c - every ctype.h class for every value 0..255 and EOF,
 * against the ASCII definitions written out plainly.
 *
 * test-run: ktap host
 */
#include <ctype.h>
#include <stdio.h>
#include "ktap.h"

struct cls {
	const char *name;
	int (*fn)(int);
	int (*ref)(int);
};

static int r_digit(int c)
{
	return c >= '0' && c <= '9';
}
static int r_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}
static int r_lower(int c)
{
	return c >= 'a' && c <= 'z';
}
static int r_alpha(int c)
{
	return r_upper(c) || r_lower(c);
}
static int r_alnum(int c)
{
	return r_alpha(c) || r_digit(c);
}
static int r_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
static int r_blank(int c)
{
	return c == ' ' || c == '\t';
}
static int r_cntrl(int c)
{
	return (c >= 0 && c < 32) || c == 127;
}
static int r_print(int c)
{
	return c >= 32 && c < 127;
}
static int r_graph(int c)
{
	return c > 32 && c < 127;
}
static int r_punct(int c)
{
	return r_graph(c) && !r_alnum(c);
}
static int r_xdigit(int c)
{
	return r_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static void all(void)
{
	static const struct cls classes[] = {
	    {"isdigit", isdigit, r_digit}, {"isupper", isupper, r_upper},
	    {"islower", islower, r_lower}, {"isalpha", isalpha, r_alpha},
	    {"isalnum", isalnum, r_alnum}, {"isspace", isspace, r_space},
	    {"isblank", isblank, r_blank}, {"iscntrl", iscntrl, r_cntrl},
	    {"isprint", isprint, r_print}, {"isgraph", isgraph, r_graph},
	    {"ispunct", ispunct, r_punct}, {"isxdigit", isxdigit, r_xdigit},
	};
	for (size_t k = 0; k < sizeof classes / sizeof classes[0]; k++) {
		int bad = -2;
		for (int c = -1; c < 256 && bad == -2; c++)
			if (!!classes[k].fn(c) != classes[k].ref(c))
				bad = c;
		EXPECT(bad == -2, "%s for EOF and 0..255%s", classes[k].name,
		       bad == -2 ? "" : " (wrong for a value)");
	}
	int ok = 1;
	for (int c = -1; c < 256; c++) {
		ok &= tolower(c) == (r_upper(c) ? c + 32 : c);
		ok &= toupper(c) == (r_lower(c) ? c - 32 : c);
	}
	EXPECT(ok, "tolower and toupper for EOF and 0..255");
}

int main(void)
{
	return ktap_run(all);
}
