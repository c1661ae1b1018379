/*
 * cmd_run.c - the console's commands that run things: run (a program),
 * test (the self-tests) and poweroff.
 *
 * Theory of operation. `run NAME ARG...` looks NAME up among the programs
 * the boot image carries: the boot modules (named by the first word of
 * their GRUB string) and the test programs of tests/user/ linked into the
 * kernel (the table build/gen/user_images.S ends with). It runs the
 * program as the kernel runs a boot module, to its end, with the words as
 * argv and an empty environment; its output comes to this console. Then,
 * as after every boot module, the free frames and the kernel heap's live
 * objects must be back to what they were before it started (and with
 * mmcheck on the command line, the invariant checker runs): a process
 * that leaks kernel memory is a kernel bug, and the console says so.
 */
#include "arch/x86_64/memlayout.h"
#include "lib/kprintf.h"
#include "lib/qemu_exit.h"
#include "lib/string.h"
#include "mm/kheap.h"
#include "mm/mm_check.h"
#include "proc/proc.h"
#include "shell/commands.h"
#include "shell/last_proc.h"
#include "test/selftest.h"

/* One program linked into the kernel (mk/user.mk writes the table, ending with a NULL name). */
struct user_image {
	const char *name;
	const char *start, *end;
};
extern const struct user_image user_images[];

/* Returns true if the module string s starts with the word name. */
static bool module_named(const char *s, const char *name)
{
	size_t n = strlen(name);
	return strncmp(s, name, n) == 0 && (s[n] == '\0' || s[n] == ' ');
}

/* Finds the program called name; returns false if there is none. */
static bool find_program(const char *name, const void **image, size_t *size)
{
	const struct boot_info *bi = shell_boot_info;
	for (unsigned i = 0; bi && i < bi->module_count; i++)
		if (module_named(bi->modules[i].string, name)) {
			*image = phys_to_virt(bi->modules[i].start);
			*size = bi->modules[i].end - bi->modules[i].start;
			return true;
		}
	for (const struct user_image *u = user_images; u->name; u++)
		if (strcmp(u->name, name) == 0) {
			*image = u->start;
			*size = (size_t)(u->end - u->start);
			return true;
		}
	return false;
}

/* Prints the names run accepts. */
static void list_programs(void)
{
	const struct boot_info *bi = shell_boot_info;
	kprintf("run: programs:");
	for (unsigned i = 0; bi && i < bi->module_count; i++)
		kprintf(" %s", bi->modules[i].string);
	for (const struct user_image *u = user_images; u->name; u++)
		kprintf(" %s", u->name);
	kprintf("\n");
}

void shell_cmd_run(int argc, char **argv)
{
	const void *image;
	size_t size;
	if (argc < 2) {
		kprintf("run: usage: run NAME [ARG...]\n");
		list_programs();
		return;
	}
	if (!find_program(argv[1], &image, &size)) {
		kprintf("run: no program \"%s\"\n", argv[1]);
		list_programs();
		return;
	}
	static char strings[1024];
	size_t used = 0;
	for (int i = 1; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;
		if (used + n > sizeof strings) {
			kprintf("run: the arguments are over %zu bytes\n", sizeof strings);
			return;
		}
		memcpy(strings + used, argv[i], n);
		used += n;
	}
	struct exec_args args = {argc - 1, 0, strings, used};
	uint64_t frames = kheap_settled_free_frames();
	unsigned long objects = kheap_live_objects();
	int status = 0;
	shell_last_proc_new_run();
	int r = proc_run_args(image, size, &args, &status);
	if (r < 0) {
		kprintf("run: could not start \"%s\" (error %d): %s\n", argv[1], r,
			proc_last_diagnosis());
		return;
	}
	kprintf("run: %s: exit status %d\n", argv[1], status);
	if (mm_check_enabled)
		mm_check_or_panic(NULL, "after a program");
	uint64_t frames_after = kheap_settled_free_frames();
	unsigned long objects_after = kheap_live_objects();
	if (frames_after != frames || objects_after != objects)
		kprintf("run: LEAK after \"%s\": free frames %llu -> %llu, kernel heap objects "
			"%lu -> %lu\n",
			argv[1], (unsigned long long)frames, (unsigned long long)frames_after,
			objects, objects_after);
}

void shell_cmd_test(int argc, char **argv)
{
	if (argc > 2) {
		kprintf("test: usage: test [SUITE[,SUITE...]]\n");
		return;
	}
	bool ok = selftest_run(argc == 2 ? argv[1] : "", shell_cmdline);
	kprintf("test: %s\n", ok ? "all passed" : "some FAILED");
}

void shell_cmd_poweroff(int argc, char **argv)
{
	(void)argc, (void)argv;
	kprintf("poweroff\n");
	qemu_exit(QEMU_EXIT_SUCCESS);
}
