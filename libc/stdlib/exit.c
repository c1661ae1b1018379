/*
 * exit.c - atexit(), on_exit() and exit(): the handlers run in the reverse
 * order of their registration, then the destructors (.fini_array, last first),
 * then stdio is flushed, then malloc's checking mode (if on) checks the
 * blocks still held and reports leaks, then the process ends.
 */
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>
#include "internal/malloc_contract.h"

/* A handler of atexit (fn) or of on_exit (with_status, given the status and arg). */
struct handler {
	void (*fn)(void);
	void (*with_status)(int, void *);
	void *arg;
};
static struct handler handlers[ATEXIT_MAX];
static int nhandlers;
static void (*quick_handlers[ATEXIT_MAX])(void);
static int nquick;

extern void (*__fini_array_start[])(void) __attribute__((weak, visibility("hidden")));
extern void (*__fini_array_end[])(void) __attribute__((weak, visibility("hidden")));

/* Flushes stdio; weak, so a program without stdio does not link it in. */
void __stdio_exit(void) __attribute__((weak));

/* Registers fn to run at exit (up to ATEXIT_MAX, 32, with on_exit's); 0, or -1 when full. */
int atexit(void (*fn)(void))
{
	if (nhandlers == ATEXIT_MAX)
		return -1;
	handlers[nhandlers++] = (struct handler){fn, NULL, NULL};
	return 0;
}

/* atexit for a handler that is given exit's status and arg (GNU). */
int on_exit(void (*fn)(int status, void *arg), void *arg)
{
	if (nhandlers == ATEXIT_MAX)
		return -1;
	handlers[nhandlers++] = (struct handler){NULL, fn, arg};
	return 0;
}

/* Registers fn to run at quick_exit (C11); 0, or -1 when full. */
int at_quick_exit(void (*fn)(void))
{
	if (nquick == ATEXIT_MAX)
		return -1;
	quick_handlers[nquick++] = fn;
	return 0;
}

/* Runs the at_quick_exit handlers (newest first) and ends the process at
 * once: no atexit handlers, no destructors, stdio not flushed (C11). */
_Noreturn void quick_exit(int status)
{
	while (nquick > 0)
		quick_handlers[--nquick]();
	_exit(status);
}

/* Runs the atexit handlers (newest first) and destructors, flushes stdio, ends the process. */
_Noreturn void exit(int status)
{
	while (nhandlers > 0) {
		struct handler h = handlers[--nhandlers];
		if (h.fn)
			h.fn();
		else
			h.with_status(status, h.arg);
	}
	for (void (**f)(void) = __fini_array_end; f > __fini_array_start;)
		(*--f)();
	if (__stdio_exit)
		__stdio_exit();
	__malloc_exit(); /* the allocator's checks (internal/malloc_contract.h) */
	_exit(status);
}
