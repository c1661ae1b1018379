/* string.h - byte and string functions. */
#ifndef _STRING_H
#define _STRING_H

#include <stddef.h>

void *memcpy(void *__restrict dst, const void *__restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
/* memset(p, 0, n) that is never optimised away (libc/string/bzero.c) */
void explicit_bzero(void *p, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
void *memrchr(const void *s, int c, size_t n);
void *memmem(const void *haystack, size_t hlen, const void *needle, size_t nlen);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
/* The C locale's collation (libc/locale/locale.c): strcmp's order. */
int strcoll(const char *a, const char *b);
size_t strxfrm(char *__restrict dst, const char *__restrict src, size_t n);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *__restrict dst, const char *__restrict src);
char *strncpy(char *__restrict dst, const char *__restrict src, size_t n);
char *stpcpy(char *__restrict dst, const char *__restrict src);
char *stpncpy(char *__restrict dst, const char *__restrict src, size_t n);
/* Orders "file9" before "file10": digit runs as numbers (GNU; libc/string/strverscmp.c). */
int strverscmp(const char *a, const char *b);
char *strcat(char *__restrict dst, const char *__restrict src);
char *strncat(char *__restrict dst, const char *__restrict src, size_t n);
char *strchr(const char *s, int c);
char *strchrnul(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strcasestr(const char *haystack, const char *needle);
char *strsep(char **__restrict sp, const char *__restrict delim);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strtok(char *__restrict s, const char *__restrict delim);
char *strtok_r(char *__restrict s, const char *__restrict delim, char **__restrict save);
char *strdup(const char *s);
char *strndup(const char *s, size_t n);
char *strerror(int errnum);
/* POSIX's strerror_r: the message into buf; 0, EINVAL (unknown number) or ERANGE (buf too small). */
int strerror_r(int errnum, char *buf, size_t n);
/* A signal's description, glibc's text ("Unknown signal N" past them). */
char *strsignal(int sig);

#endif
