/* libgen.h - POSIX's basename and dirname, which may write into path. */
#ifndef _LIBGEN_H
#define _LIBGEN_H

char *basename(char *path);
char *dirname(char *path);

#endif
