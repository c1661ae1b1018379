/*
 * cmd_run.c - the console's commands that run things: run (a program),
 * test (the self-tests) and poweroff.
 *
 * Theory of operation. `run NAME ARG...` looks NAME up among the programs
 * the boot image carries: a path names a file of the boot file system (as
 * execve finds it: fs_file_bytes); a plain name is a boot module (named by
 * the first word of its GRUB string), a test program of tests/user/
 * linked into the kernel (the table build/gen/user_images.S ends with),
 * or a file of /bin or /usr/bin (busybox's applets). It runs the program
 * as the kernel runs a boot module, to its end, with the words as argv
 * and an empty environment; its output comes to this console and its
 * standard input from it (stdin.c). `sh` runs /bin/sh (busybox) the same
 * way, interactive, with PATH set: a shell on the console's line, whose
 * commands are its children, until exit or ^D. Then,
 * as after every boot module, the free frames and the kernel heap's live
 * objects must be back to what they were before it started (and with
 * mmcheck on the command line, the invariant checker runs): a process
 * that leaks kernel memory is a kernel bug, and the console says so.
 */
#include "arch/x86_64/memlayout.h"
#include "fs/fd.h"
#include "fs/memmark.h"
#include "lib/kprintf.h"
#include "lib/qemu_exit.h"
#include "lib/string.h"
#include "mm/kheap.h"
#include "mm/mm_check.h"
#include "proc/proc.h"
#include "shell/commands.h"
#include "shell/last_proc.h"
#include "shell/stdin.h"
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

/* Returns true if boot module i is a program (not the boot file system's archive). */
static bool module_is_program(unsigned i)
{
	return !module_named(shell_boot_info->modules[i].string, SHELL_ROOTFS_MODULE);
}

/* Finds the executable file at path in the boot file system; false if there is none. */
static bool find_file(const char *path, const void **image, size_t *size)
{
	return fs_file_bytes("/", path, image, size) == 0;
}

/*
 * Finds the program called name: a path ("/bin/ls", "usr/bin/x") in the
 * boot file system, else a boot module, a linked test program, or a file
 * of /bin or /usr/bin (the shell's PATH); returns false if there is none.
 */
static bool find_program(const char *name, const void **image, size_t *size)
{
	if (strchr(name, '/'))
		return find_file(name, image, size);
	const struct boot_info *bi = shell_boot_info;
	for (unsigned i = 0; bi && i < bi->module_count; i++)
		if (module_is_program(i) && module_named(bi->modules[i].string, name)) {
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
	static const char *const dirs[] = {"/bin/", "/usr/bin/"};
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		char path[128];
		if ((size_t)ksnprintf(path, sizeof path, "%s%s", dirs[i], name) < sizeof path &&
		    find_file(path, image, size))
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
		if (module_is_program(i))
			kprintf(" %s", bi->modules[i].string);
	for (const struct user_image *u = user_images; u->name; u++)
		kprintf(" %s", u->name);
	kprintf("\nrun: and the files of /bin and /usr/bin, or any path of the boot file system\n");
}

/*
 * Appends the words w[0, n) to strings[*used, size), each with its NUL;
 * returns false (and says so) if they do not fit.
 */
static bool append_words(char *strings, size_t size, size_t *used, int n, char *const *w)
{
	for (int i = 0; i < n; i++) {
		size_t len = strlen(w[i]) + 1;
		if (*used + len > size) {
			kprintf("run: the arguments are over %zu bytes\n", size);
			return false;
		}
		memcpy(strings + *used, w[i], len);
		*used += len;
	}
	return true;
}

/*
 * Runs image[0, size) called name with the words argv[0, argc) and the
 * environment env[0, envc), its standard input the console's line, to its
 * end; then says its status and checks that no frame or heap object leaked.
 */
static void run_program(const char *name, const void *image, size_t size, int argc,
			char *const *argv, int envc, char *const *env)
{
	static char strings[1024];
	size_t used = 0;
	if (!append_words(strings, sizeof strings, &used, argc, argv) ||
	    !append_words(strings, sizeof strings, &used, envc, env))
		return;
	struct exec_args args = {argc, envc, strings, used, NULL, 0};
	struct mem_mark before, after;
	mem_mark_take(&before);
	int status = 0;
	shell_last_proc_new_run();
	shell_stdin_attach();
	int r = proc_run_args(image, size, &args, &status);
	shell_stdin_detach();
	if (r < 0) {
		kprintf("run: could not start \"%s\" (error %d): %s\n", name, r,
			proc_last_diagnosis());
		return;
	}
	kprintf("run: %s: exit status %d\n", name, status);
	if (mm_check_enabled)
		proc_mm_check_or_panic(NULL, "after a program");
	mem_mark_take(&after);
	if (!mem_mark_same(&before, &after))
		kprintf("run: LEAK after \"%s\": free frames %llu -> %llu, kernel heap objects "
			"%lu -> %lu (of them /tmp's files: %llu frames -> %llu, %lu objects -> "
			"%lu)\n",
			name, (unsigned long long)before.free_frames,
			(unsigned long long)after.free_frames, before.objects, after.objects,
			(unsigned long long)before.file_frames,
			(unsigned long long)after.file_frames, before.file_objects,
			after.file_objects);
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
	run_program(argv[1], image, size, argc - 1, argv + 1, 0, NULL);
}

void shell_cmd_sh(int argc, char **argv)
{
	const void *image;
	size_t size;
	if (!find_file(SHELL_SH_PATH, &image, &size)) {
		kprintf("sh: the boot file system has no %s\n", SHELL_SH_PATH);
		return;
	}
	/* No arguments: an interactive shell (-i: standard input is no terminal
	 * to busybox, the console edits the lines); ^D or exit comes back here. */
	static char sh[] = "sh", dash_i[] = "-i";
	char *words[SHELL_MAX_ARGS + 1] = {sh, dash_i};
	int n = 2;
	if (argc > 1) {
		n = 1;
		for (int i = 1; i < argc; i++)
			words[n++] = argv[i];
	}
	static char path[] = "PATH=/bin:/usr/bin", home[] = "HOME=/", ps1[] = "PS1=$ ";
	char *env[] = {path, home, ps1};
	run_program("sh", image, size, n, words, 3, env);
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
