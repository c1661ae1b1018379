/*
 * asprintf.c - asprintf and vasprintf: printf into a buffer malloc'd to
 * fit, measured by a first vsnprintf into nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* Sets *out to a new string holding the formatted text and returns its
 * length; -1 with *out NULL if the format fails or there is no memory
 * (glibc leaves *out undefined then). */
int vasprintf(char **__restrict out, const char *__restrict fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *s = n < 0 ? NULL : malloc((size_t)n + 1);
	if (s && vsnprintf(s, (size_t)n + 1, fmt, again) != n) {
		free(s);
		s = NULL;
	}
	va_end(again);
	*out = s;
	return s ? n : -1;
}

int asprintf(char **__restrict out, const char *__restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(out, fmt, ap);
	va_end(ap);
	return n;
}
