/*
 * exit.c - atexit() and exit(): the handlers run in the reverse order of
 * their registration, then the destructors (.fini_array, last first),
 * then stdio is flushed, then malloc's checking mode (if on) checks the
 * blocks still held and reports leaks, then the process ends.
 */
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>
#include "internal/malloc_contract.h"

static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;

extern void (*__fini_array_start[])(void) __attribute__((weak, visibility("hidden")));
extern void (*__fini_array_end[])(void) __attribute__((weak, visibility("hidden")));

/* Flushes stdio; weak, so a program without stdio does not link it in. */
void __stdio_exit(void) __attribute__((weak));

/* Registers fn to run at exit (up to ATEXIT_MAX, 32); 0, or -1 when full. */
int atexit(void (*fn)(void))
{
	if (nhandlers == ATEXIT_MAX)
		return -1;
	handlers[nhandlers++] = fn;
	return 0;
}

/* Runs the atexit handlers (newest first) and destructors, flushes stdio, ends the process. */
_Noreturn void exit(int status)
{
	while (nhandlers > 0)
		handlers[--nhandlers]();
	for (void (**f)(void) = __fini_array_end; f > __fini_array_start;)
		(*--f)();
	if (__stdio_exit)
		__stdio_exit();
	__malloc_exit(); /* the allocator's checks (internal/malloc_contract.h) */
	_exit(status);
}
