/*
 * stdin.c - standard input of the programs the console runs (stdin.h).
 *
 * Theory of operation. Under `make run` without a program there is one
 * serial line, COM1: the console's terminal, in raw mode (QEMU's -serial
 * stdio), so nothing on the host edits a line or turns ^D into an end of
 * file. A program run from the console (a busybox shell above all) reads
 * its standard input from that line through this file, which plays the
 * part of Linux's line discipline in canonical mode: bytes go through the
 * console's own line editor (line.c: echo, backspace, ^U, the arrows'
 * history), and a read returns once a line is complete, the line and its
 * '\n'. What does not fit the reader's buffer stays for the next read,
 * as on Linux. ^D on an empty line is an end of file (the read returns 0
 * and the next one waits for more, as a terminal does); ^D after some
 * text hands that text over without a newline.
 *
 * The file system layer cannot call the console (sys/ may not include
 * shell/), so the console installs stdin_read with tty_set_stdin_source
 * while its program runs and removes it afterwards.
 */
#include "shell/stdin.h"
#include "arch/x86_64/serial.h"
#include "lib/string.h"
#include "shell/line.h"
#include "sys/tty.h"

#define CTRL_D 0x04

static struct shell_line ed;
static char pending[SHELL_LINE_MAX + 1]; /* a line read and not yet handed over */
static size_t pending_len, pending_off;

/* The editor's echo: straight to COM1, as the console's own. */
static void echo(const char *s, size_t n)
{
	serial_port_write(SERIAL_COM1, s, n);
}

/* Reads one line (or a ^D) from COM1 into pending; returns its length (0: end of file). */
static size_t read_line(void)
{
	for (;;) {
		uint8_t c = serial_port_read_byte_wait(SERIAL_COM1);
		if (c == CTRL_D) {
			/* Hands over what is typed so far; on an empty line, that is nothing: EOF.
			 */
			memcpy(pending, ed.buf, ed.len);
			pending_len = ed.len;
			ed.len = 0;
			return pending_len;
		}
		if (shell_line_feed(&ed, c)) {
			size_t n = strlen(ed.buf);
			memcpy(pending, ed.buf, n);
			pending[n] = '\n';
			pending_len = n + 1;
			return pending_len;
		}
	}
}

/* tty's source of standard input: up to n bytes of the current line into buf. */
static int64_t stdin_read(char *buf, size_t n)
{
	if (pending_off == pending_len) {
		pending_off = pending_len = 0;
		if (read_line() == 0)
			return 0;
	}
	size_t k = pending_len - pending_off;
	if (k > n)
		k = n;
	memcpy(buf, pending + pending_off, k);
	pending_off += k;
	return (int64_t)k;
}

void shell_stdin_attach(void)
{
	shell_line_init(&ed, echo);
	pending_len = pending_off = 0;
	tty_set_stdin_source(stdin_read);
}

void shell_stdin_detach(void)
{
	tty_set_stdin_source(NULL);
}
