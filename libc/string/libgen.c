/*
 * libgen.c - POSIX's basename and dirname (<libgen.h>): the last name of
 * a path and the path of its directory, trailing slashes ignored.
 *
 * Both may write a NUL into path (over a trailing slash, or after the
 * directory part), as glibc's do; for NULL or "" they return ".".
 */
#include <libgen.h>
#include <string.h>

/* "/usr/lib/" -> "lib", "/" -> "/", "name" -> "name". */
char *basename(char *path)
{
	if (!path || !*path)
		return ".";
	size_t end = strlen(path);
	while (end > 1 && path[end - 1] == '/')
		path[--end] = '\0';
	char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

/* "/usr/lib/" -> "/usr", "/usr" -> "/", "name" -> ".", "//x" -> "//". */
char *dirname(char *path)
{
	if (!path || !*path)
		return ".";
	size_t end = strlen(path);
	while (end > 1 && path[end - 1] == '/')
		end--; /* the trailing slashes */
	while (end > 0 && path[end - 1] != '/')
		end--; /* the last name */
	if (end == 0)
		return ".";
	while (end > 1 && path[end - 1] == '/')
		end--; /* the slashes before it */
	if (end == 1 && path[1] == '/' && path[2] != '/')
		end = 2; /* exactly two leading slashes stay, as glibc (POSIX leaves "//" open) */
	path[end] = '\0';
	return path;
}
