/*
 * commands.c - the kernel console's command table (commands.h).
 *
 * Theory of operation. A line is split in place into words at blanks (no
 * quotes: the commands take addresses, names and plain words), and the
 * first word is looked up in one table; each entry names the function
 * that runs the command, in a file per group (cmd_mem.c: physical memory
 * and the kernel heap; cmd_vm.c: a program's areas and page tables;
 * cmd_run.c: programs, self-tests, power). `help` prints the same table,
 * so the help cannot forget a command.
 */
#include "shell/commands.h"
#include "lib/kprintf.h"
#include "lib/string.h"

static const struct shell_command commands[] = {
    {"help", "", "this list", shell_cmd_help},
    {"mem", "", "frames free and used: per buddy order, per zone, what is reserved", shell_cmd_mem},
    {"frames", "", "a map of physical memory, one character per block of frames", shell_cmd_frames},
    {"slabinfo", "", "the kernel heap's caches", shell_cmd_slabinfo},
    {"pgwalk", "ADDR", "walk ADDR through the page tables, level by level", shell_cmd_pgwalk},
    {"maps", "", "the areas of the running or last program", shell_cmd_maps},
    {"run", "NAME [ARG...]", "run a program of the boot image (or a path of its files)",
     shell_cmd_run},
    {"sh", "[ARG...]", "busybox's shell (/bin/sh) on this line; exit or ^D comes back",
     shell_cmd_sh},
    {"test", "[SUITE[,SUITE...]]", "run the kernel's self-tests (all, or those suites)",
     shell_cmd_test},
    {"trace", "[on|off]", "the memory trace to port 0xe9 (docs/TRACE.md): on, off, or which",
     shell_cmd_trace},
    {"poweroff", "", "end the machine (QEMU exits)", shell_cmd_poweroff},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

void shell_cmd_help(int argc, char **argv)
{
	(void)argc, (void)argv;
	kprintf("commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++) {
		char usage[40];
		ksnprintf(usage, sizeof usage, "%s %s", commands[i].name, commands[i].args);
		kprintf("  %-28s %s\n", usage, commands[i].help);
	}
	kprintf("keys: backspace erases, up and down arrows browse the history, ^U clears "
		"the line\n");
}

/* Returns true for the bytes that separate words. */
static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

void shell_execute(char *line)
{
	char *argv[SHELL_MAX_ARGS + 1];
	int argc = 0;
	for (char *p = line; *p;) {
		while (is_blank(*p))
			*p++ = '\0';
		if (!*p)
			break;
		if (argc == SHELL_MAX_ARGS) {
			kprintf("console: more than %d words\n", SHELL_MAX_ARGS);
			return;
		}
		argv[argc++] = p;
		while (*p && !is_blank(*p))
			p++;
	}
	argv[argc] = NULL;
	if (argc == 0)
		return;
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[0], commands[i].name) == 0) {
			commands[i].run(argc, argv);
			return;
		}
	kprintf("console: unknown command \"%s\"\n", argv[0]);
	shell_cmd_help(0, NULL);
}

/* Returns the value of the digit c in the base, or -1. */
static int digit(char c, unsigned base)
{
	int v = c >= '0' && c <= '9'   ? c - '0'
		: c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10
				       : -1;
	return v >= 0 && (unsigned)v < base ? v : -1;
}

bool shell_parse_u64(const char *s, uint64_t *out)
{
	unsigned base = 10;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	uint64_t v = 0;
	for (; *s; s++) {
		int d = digit(*s, base);
		if (d < 0 || v > (UINT64_MAX - (uint64_t)d) / base)
			return false;
		v = v * base + (uint64_t)d;
	}
	*out = v;
	return true;
}

void shell_print_frames(uint64_t frames)
{
	uint64_t kib = frames * 4;
	if (kib < 1024)
		kprintf("%llu KiB", (unsigned long long)kib);
	else if (kib % 1024 == 0)
		kprintf("%llu MiB", (unsigned long long)(kib / 1024));
	else
		kprintf("%llu.%llu MiB", (unsigned long long)(kib / 1024),
			(unsigned long long)(kib % 1024 * 10 / 1024));
}
