/* perror.c - perror and psignal: print the current error, or a signal, to stderr. */
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

/* Prints "s: description of sig\n" (just the description if s is NULL or
 * empty), as perror does for errno. */
void psignal(int sig, const char *s)
{
	const char *msg = strsignal(sig);
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
