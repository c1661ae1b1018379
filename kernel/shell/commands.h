/*
 * commands.h - inside the kernel console: the command table and what the
 * commands share. Not for use outside kernel/shell/.
 */
#ifndef SHELL_COMMANDS_H
#define SHELL_COMMANDS_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/multiboot2.h"

#define SHELL_MAX_ARGS 16
#define SHELL_ROOTFS_MODULE "rootfs" /* the boot module that is the file system (main.c) */
#define SHELL_SH_PATH "/bin/sh"

/* One command: its name, its arguments for help, one line of help, and
 * the function that runs it with the words of the line (argv[0] is the
 * name). */
struct shell_command {
	const char *name;
	const char *args;
	const char *help;
	void (*run)(int argc, char **argv);
};

/* Splits line in place into at most SHELL_MAX_ARGS words at spaces and
 * tabs and runs the command the first names; an unknown one is answered
 * with the help. An empty line does nothing. */
void shell_execute(char *line);

/* What shell_run was given, for the commands. */
extern const struct boot_info *shell_boot_info;
extern const char *shell_cmdline;

/* Parses s as a number (0x... hexadecimal, otherwise decimal) into *out;
 * returns false if s is not one whole number that fits 64 bits. */
bool shell_parse_u64(const char *s, uint64_t *out);

/* Prints a number of frames as a size: "12 KiB", "3 MiB" (to 1 decimal past KiB). */
void shell_print_frames(uint64_t frames);

/* The commands (one file per group: cmd_mem.c, cmd_vm.c, cmd_run.c, cmd_trace.c). */
void shell_cmd_help(int argc, char **argv);
void shell_cmd_mem(int argc, char **argv);
void shell_cmd_frames(int argc, char **argv);
void shell_cmd_slabinfo(int argc, char **argv);
void shell_cmd_pgwalk(int argc, char **argv);
void shell_cmd_maps(int argc, char **argv);
void shell_cmd_run(int argc, char **argv);
void shell_cmd_sh(int argc, char **argv);
void shell_cmd_test(int argc, char **argv);
void shell_cmd_poweroff(int argc, char **argv);
void shell_cmd_trace(int argc, char **argv); /* cmd_trace.c */

#endif
