/* getline.c - reading a whole line (or up to any delimiter) into a growing buffer. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "stdio/stdio_impl.h"

/*
 * Reads from f up to and including the byte delim into *line, a malloc'd
 * buffer of *cap bytes that is grown (realloc) as needed, and terminates
 * it. Returns the number of bytes read, not counting the NUL (a NUL byte
 * read is kept, so the count is the way to know the length); -1 at end
 * of file with nothing read, or on error: EINVAL if line or cap is NULL,
 * ENOMEM (with the error indicator set) if the buffer cannot grow.
 */
ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	if (!*line)
		*cap = 0;
	size_t n = 0;
	for (;;) {
		if (n + 2 > *cap) { /* room for this byte and the NUL, first of all (as glibc) */
			size_t bigger = *cap < 60 ? 120 : *cap * 2;
			char *p = realloc(*line, bigger);
			if (!p) {
				f->flags |= FL_ERR;
				errno = ENOMEM;
				return -1;
			}
			*line = p;
			*cap = bigger;
		}
		int c = fgetc(f);
		if (c == EOF && (n == 0 || (f->flags & FL_ERR)))
			return -1;
		if (c == EOF)
			break;
		(*line)[n++] = (char)c;
		if (c == delim)
			break;
	}
	(*line)[n] = '\0';
	return (ssize_t)n;
}

/* getdelim up to a newline. */
ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
	return getdelim(line, cap, '\n', f);
}
