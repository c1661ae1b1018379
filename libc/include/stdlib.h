/*
 * stdlib.h - general utilities. The allocation functions are declared
 * here and implemented by the allocator in libc/malloc/.
 */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <alloca.h> /* as glibc's stdlib.h does */
#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 0x7fffffff

/* implemented in libc/malloc/ */
void *malloc(size_t size);
void free(void *p);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void *reallocarray(void *p, size_t n, size_t size);
void *aligned_alloc(size_t alignment, size_t size);
int posix_memalign(void **out, size_t alignment, size_t size);

__attribute__((__noreturn__)) void exit(int status);
__attribute__((__noreturn__)) void _Exit(int status);
__attribute__((__noreturn__)) void abort(void);
int atexit(void (*fn)(void));
/* on_exit's handler gets exit's status and arg (GNU); at_quick_exit's run
 * at quick_exit, which ends the process at once without the others (C11). */
int on_exit(void (*fn)(int status, void *arg), void *arg);
int at_quick_exit(void (*fn)(void));
__attribute__((__noreturn__)) void quick_exit(int status);

int atoi(const char *s);
long atol(const char *s);
__extension__ long long atoll(const char *s);
long strtol(const char *__restrict s, char **__restrict end, int base);
unsigned long strtoul(const char *__restrict s, char **__restrict end, int base);
__extension__ long long strtoll(const char *__restrict s, char **__restrict end, int base);
__extension__ unsigned long long strtoull(const char *__restrict s, char **__restrict end,
					  int base);
/* correctly rounded, each in its own type (libc/stdlib/strtod.c) */
double strtod(const char *__restrict s, char **__restrict end);
float strtof(const char *__restrict s, char **__restrict end);
long double strtold(const char *__restrict s, char **__restrict end);
double atof(const char *s);

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void qsort_r(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *, void *),
	     void *arg);
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));

/* rand's and rand_r's sequences are glibc's (libc/stdlib/rand.c). */
int rand(void);
void srand(unsigned seed);
int rand_r(unsigned *seed);
/* POSIX's names for the same generator: random() is rand() as a long. */
long random(void);
void srandom(unsigned seed);
/* POSIX's 48-bit generators, the same numbers everywhere (libc/stdlib/rand48.c). */
double drand48(void);
double erand48(unsigned short x[3]);
long lrand48(void);
long nrand48(unsigned short x[3]);
long mrand48(void);
long jrand48(unsigned short x[3]);
void srand48(long seed);
unsigned short *seed48(unsigned short seed[3]);
void lcong48(unsigned short param[7]);

/* Unique names (libc/stdlib/mkstemp.c): the template's final XXXXXX replaced. */
int mkstemp(char *template);
int mkostemp(char *template, int flags);
char *mkdtemp(char *template);
/* The canonical absolute name of path (libc/stdlib/realpath.c): into
 * resolved (PATH_MAX bytes), or malloc'd if resolved is NULL. */
char *realpath(const char *__restrict path, char *__restrict resolved);

/* Runs cmd with /bin/sh -c and waits: its wait status (libc/process/system.c);
 * system(NULL) says whether there is a shell. */
int system(const char *cmd);

char *getenv(const char *name);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
int putenv(char *string);
int clearenv(void);

int abs(int v);
long labs(long v);
__extension__ long long llabs(long long v);

/* Quotient and remainder (libc/stdlib/div.c), truncated toward zero. */
typedef struct {
	int quot, rem;
} div_t;
typedef struct {
	long quot, rem;
} ldiv_t;
typedef struct {
	__extension__ long long quot, rem;
} lldiv_t;
div_t div(int num, int den);
ldiv_t ldiv(long num, long den);
__extension__ lldiv_t lldiv(long long num, long long den);

#endif
