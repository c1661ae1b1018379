/* getenv.c - look up an environment variable. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The value of "name=value" in environ, or NULL (also for "" or a name with '='). */
char *getenv(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || strchr(name, '=') || !environ)
		return NULL;
	for (char **e = environ; *e; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}
