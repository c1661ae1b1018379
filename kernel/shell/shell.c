/*
 * shell.c - the kernel console's main loop (shell.h).
 *
 * Theory of operation. The console reads COM1, the port the kernel log
 * already writes to, so a terminal running `make run` is both its screen
 * and its keyboard. Reading waits with the port's receive interrupt
 * (serial_wait_readable: `sti; hlt` until a byte is there), so an idle
 * console costs the host nothing. Each byte goes to the line editor
 * (line.c), which echoes it and says when a line is complete; the line is
 * then split into words and run (commands.c). A program started with
 * `run` runs as at boot, to its end, and the prompt comes back.
 *
 * The console keeps a copy of the areas and page tables of the last
 * program to exit (last_proc.c) for `maps` and `pgwalk`: the kernel frees
 * a program's memory when it ends, so without the copy there would be
 * nothing left to look at.
 */
#include "shell/shell.h"
#include "arch/x86_64/serial.h"
#include "lib/kprintf.h"
#include "shell/commands.h"
#include "shell/last_proc.h"
#include "shell/line.h"

#define PROMPT "interlude> "

const struct boot_info *shell_boot_info;
const char *shell_cmdline;

/* The line editor's echo: straight to COM1 (no line prefix: it is not a log line). */
static void echo(const char *s, size_t n)
{
	serial_port_write(SERIAL_COM1, s, n);
}

void shell_run(const struct boot_info *bi, const char *cmdline)
{
	static struct shell_line ed;
	shell_boot_info = bi;
	shell_cmdline = cmdline;
	shell_last_proc_start();
	shell_line_init(&ed, echo);
	kprintf("console: type a command (help lists them; poweroff ends)\n");
	for (;;) {
		kprintf(PROMPT);
		while (!shell_line_feed(&ed, serial_port_read_byte_wait(SERIAL_COM1)))
			;
		shell_execute(ed.buf);
	}
}
