/*
 * abi_check.c - the process start the System V x86-64 ABI promises
 * (section 3.4.1): argc, argv, envp and the auxiliary vector on an aligned
 * stack. The same binary passes on Linux and on Interlude; it exits with
 * the number of failed checks and names each failure.
 */
#include "rt/rt.h"
#include <interlude/auxv.h>

extern char _start[];
extern long *initial_sp; /* set by start_c */

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		rt_puts("FAILED: ");
		rt_puts(what);
		rt_puts("\n");
		failures++;
	}
}

int main(int argc, char **argv, char **envp)
{
	check(((unsigned long)initial_sp & 15) == 0,
	      "the initial stack pointer is 16-byte aligned");
	check(initial_sp[0] == argc, "argc is at the initial stack pointer");
	check(argv[argc] == 0, "argv ends with NULL");
	char **e = envp;
	while (*e)
		e++;
	unsigned long *aux = (unsigned long *)(e + 1);
	unsigned long seen[32] = {0};
	for (; aux[0] != AT_NULL; aux += 2)
		if (aux[0] < 32)
			seen[aux[0]] = aux[1] ? aux[1] : 1;
	check(seen[AT_PAGESZ] == 4096, "AT_PAGESZ is 4096");
	check(seen[AT_ENTRY] == (unsigned long)_start, "AT_ENTRY is _start");
	check(seen[AT_PHENT] == 56, "AT_PHENT is 56");
	check(seen[AT_PHNUM] >= 2, "AT_PHNUM counts the program headers");
	const unsigned *phdr = (const unsigned *)seen[AT_PHDR];
	int has_load = 0;
	for (unsigned long i = 0; phdr && i < seen[AT_PHNUM]; i++)
		has_load |= phdr[i * 14] == 1; /* p_type of 56-byte headers: PT_LOAD */
	check(has_load, "AT_PHDR points at the program headers (a PT_LOAD among them)");
	check(seen[AT_UID] != 0, "AT_UID is present");
	const unsigned char *rnd = (const unsigned char *)seen[AT_RANDOM];
	int nonzero = 0;
	for (int i = 0; rnd && i < 16; i++)
		nonzero |= rnd[i];
	check(rnd && nonzero, "AT_RANDOM points at 16 random bytes");
	if (!failures)
		rt_puts("abi_check: all good\n");
	return failures;
}
