/*
 * strings.h - the BSD string functions POSIX kept: case-insensitive
 * comparison (in the C locale, the only one: ASCII letters), bzero,
 * bcmp, bcopy, and ffs (the lowest set bit).
 */
#ifndef _STRINGS_H
#define _STRINGS_H

#include <stddef.h>

/* libc/string/strcasecmp.c */
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

/* libc/string/bzero.c */
void bzero(void *p, size_t n);
int bcmp(const void *a, const void *b, size_t n);
void bcopy(const void *src, void *dst, size_t n);

/* strchr and strrchr by their old names (libc/string/strchr.c). */
char *index(const char *s, int c);
char *rindex(const char *s, int c);

/* libc/string/ffs.c: 1 + the index of the lowest set bit, 0 for 0. */
int ffs(int v);
int ffsl(long v);
__extension__ int ffsll(long long v);

#endif
