/*
 * libc_start.c - from the initial stack to main: argc, argv, envp and
 * the auxiliary vector are read off the stack crt0 passes in, malloc's
 * checking mode is set up if MALLOC_CHECK asks for it, the constructors
 * run (.preinit_array then .init_array, which the linker brackets with
 * __*_array_start/end), and main's value goes to exit(),
 * which runs the atexit handlers and destructors and flushes stdio.
 */
#include <stdlib.h>
#include <unistd.h>
#include "internal/malloc_contract.h"

char **environ;
const char *__progname = "";
unsigned long *__auxv;

int main(int argc, char **argv, char **envp);

extern void (*__preinit_array_start[])(void) __attribute__((weak, visibility("hidden")));
extern void (*__preinit_array_end[])(void) __attribute__((weak, visibility("hidden")));
extern void (*__init_array_start[])(void) __attribute__((weak, visibility("hidden")));
extern void (*__init_array_end[])(void) __attribute__((weak, visibility("hidden")));

_Noreturn void __libc_start(long *sp);

/* Reads argc/argv/envp/auxv at sp, runs the constructors, calls main, exits with its value. */
_Noreturn void __libc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **e = envp;
	while (*e)
		e++;
	environ = envp;
	__auxv = (unsigned long *)(e + 1);
	if (argc > 0 && argv[0])
		__progname = argv[0];
	/* The allocator's hook (internal/malloc_contract.h): the production
	 * allocator sets its checking mode up here, so that its SIGSEGV
	 * handler also names a fault of a program that never calls malloc. */
	__malloc_check_start();

	for (void (**f)(void) = __preinit_array_start; f < __preinit_array_end; f++)
		(*f)();
	for (void (**f)(void) = __init_array_start; f < __init_array_end; f++)
		(*f)();
	exit(main(argc, argv, envp));
}
