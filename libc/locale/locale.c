/*
 * locale.c - setlocale, localeconv, strcoll and strxfrm for the one
 * locale there is, the C locale: bytes are characters, they sort by their
 * values, and numbers have a "." and no grouping. A program that asks for
 * its environment's locale (setlocale(LC_ALL, ""), the common first line
 * of a program) gets the C locale and goes on; one that names another
 * locale is told there is none (NULL), as glibc does for a locale it does
 * not have.
 */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <string.h>

static char c_name[] = "C";
static char dot[] = ".", none[] = "";

/* The name of a locale setlocale can set: "C", "POSIX" or "". */
static int known(const char *name)
{
	return strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0 || name[0] == 0;
}

char *setlocale(int category, const char *locale)
{
	if (category < LC_CTYPE || category > LC_ALL) {
		errno = EINVAL;
		return NULL;
	}
	return !locale || known(locale) ? c_name : NULL;
}

struct lconv *localeconv(void)
{
	static struct lconv c = {
	    .decimal_point = dot,
	    .thousands_sep = none,
	    .grouping = none,
	    .int_curr_symbol = none,
	    .currency_symbol = none,
	    .mon_decimal_point = none,
	    .mon_thousands_sep = none,
	    .mon_grouping = none,
	    .positive_sign = none,
	    .negative_sign = none,
	    .int_frac_digits = CHAR_MAX,
	    .frac_digits = CHAR_MAX,
	    .p_cs_precedes = CHAR_MAX,
	    .p_sep_by_space = CHAR_MAX,
	    .n_cs_precedes = CHAR_MAX,
	    .n_sep_by_space = CHAR_MAX,
	    .p_sign_posn = CHAR_MAX,
	    .n_sign_posn = CHAR_MAX,
	    .int_p_cs_precedes = CHAR_MAX,
	    .int_p_sep_by_space = CHAR_MAX,
	    .int_n_cs_precedes = CHAR_MAX,
	    .int_n_sep_by_space = CHAR_MAX,
	    .int_p_sign_posn = CHAR_MAX,
	    .int_n_sign_posn = CHAR_MAX,
	};
	return &c;
}

/* In the C locale strings collate by their bytes, as strcmp orders them. */
int strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}

/* The form of src that strcmp orders as strcoll orders src: src itself,
 * copied if it fits in n bytes with its NUL; its length either way. */
size_t strxfrm(char *restrict dst, const char *restrict src, size_t n)
{
	size_t len = strlen(src);
	if (len < n)
		memcpy(dst, src, len + 1);
	return len;
}
