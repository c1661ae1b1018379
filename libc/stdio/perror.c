/* perror.c - print the current error to stderr. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Prints "s: message for errno\n" (just the message if s is NULL or empty). */
void perror(const char *s)
{
	const char *msg = strerror(errno);
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
