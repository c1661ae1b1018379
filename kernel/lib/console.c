/*
 * console.c - the line prefix in front of the console device; see
 * console.h. Pure logic: the host builds it too.
 */
#include "lib/console.h"

#include <stdbool.h>

static const char *line_prefix = "";
static bool at_line_start = true; /* the last byte written was '\n' (or none yet) */

void console_set_line_prefix(const char *prefix)
{
	line_prefix = prefix ? prefix : "";
}

const char *console_line_prefix(void)
{
	return line_prefix;
}

/* Returns the length of the NUL-terminated string s. */
static size_t length(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

/*
 * Without a prefix the bytes go to the device in one piece; with one,
 * line by line, the prefix written before the first byte of each line.
 */
void console_write(const char *s, size_t n)
{
	if (n == 0)
		return;
	if (!line_prefix[0]) {
		console_device_write(s, n);
		at_line_start = s[n - 1] == '\n';
		return;
	}
	while (n) {
		size_t k = 0;
		while (k < n && s[k++] != '\n')
			;
		if (at_line_start)
			console_device_write(line_prefix, length(line_prefix));
		console_device_write(s, k);
		at_line_start = s[k - 1] == '\n';
		s += k;
		n -= k;
	}
}
