/*
 * line.c - the console's line editor (line.h).
 *
 * Theory of operation. The terminal on the other side of the serial port
 * is in raw mode (QEMU puts the host terminal so for -serial stdio): every
 * key arrives as it is typed, nothing is echoed, and editing is ours. The
 * editor is a small state machine fed one byte at a time. In its ordinary
 * state a printable byte is appended and echoed, DEL (what the backspace
 * key sends) or ^H erases the last byte with "\b \b" (back, blank, back),
 * and CR or LF ends the line. ESC starts an escape sequence: the arrows are
 * ESC [ A (up) and ESC [ B (down), or ESC O A and ESC O B in the terminal's
 * "application" mode. A sequence ESC [ may carry parameters (digits, ';')
 * and ends at its final byte, 0x40..0x7e (ECMA-48 5.4), so that the editor
 * knows where any sequence ends, even one it does not understand (a Home
 * key, ESC [ 1 ~), and none of its bytes becomes text.
 *
 * The history is a ring of the last SHELL_HISTORY lines. `browsing` counts
 * how far back the line shown is: up goes one older, down one newer, and
 * down from the newest gives an empty line again. Showing a line erases
 * the one on the screen byte by byte with "\b \b" and echoes the new one,
 * which works on any terminal and shows in a transcript as what it is.
 *
 * The editor is pure: it has no device, only the echo callback, so it runs
 * the same in a test as behind the serial port.
 */
#include "shell/line.h"
#include "lib/string.h"

#define KEY_CTRL_C 0x03
#define KEY_BACKSPACE 0x08
#define KEY_CTRL_U 0x15
#define KEY_ESC 0x1b
#define KEY_DEL 0x7f

void shell_line_init(struct shell_line *ed, void (*echo)(const char *s, size_t n))
{
	memset(ed, 0, sizeof *ed);
	ed->echo = echo;
}

/* Shows s on the terminal. */
static void show(struct shell_line *ed, const char *s)
{
	ed->echo(s, strlen(s));
}

/* Erases the line on the screen and in the buffer. */
static void erase_line(struct shell_line *ed)
{
	while (ed->len > 0) {
		ed->len--;
		show(ed, "\b \b");
	}
}

/* Returns the k-th newest line of the history (1: the newest); 1 <= k <= count. */
static const char *history_line(const struct shell_line *ed, unsigned k)
{
	return ed->history[(ed->newest + SHELL_HISTORY - (k - 1)) % SHELL_HISTORY];
}

/* Replaces the line with the k-th newest of the history (0: an empty line). */
static void show_history(struct shell_line *ed, unsigned k)
{
	erase_line(ed);
	ed->browsing = k;
	if (k == 0)
		return;
	const char *h = history_line(ed, k);
	ed->len = strlen(h);
	memcpy(ed->buf, h, ed->len);
	ed->echo(ed->buf, ed->len);
}

/* Puts the finished line into the history, unless it is empty or a repeat. */
static void remember(struct shell_line *ed)
{
	if (ed->len == 0)
		return;
	if (ed->history_count && strcmp(history_line(ed, 1), ed->buf) == 0)
		return;
	ed->newest = ed->history_count ? (ed->newest + 1) % SHELL_HISTORY : 0;
	memcpy(ed->history[ed->newest], ed->buf, ed->len + 1);
	if (ed->history_count < SHELL_HISTORY)
		ed->history_count++;
}

/* Acts on an arrow key: 'A' up (older), 'B' down (newer); others are ignored. */
static void arrow(struct shell_line *ed, uint8_t final)
{
	if (final == 'A' && ed->browsing < ed->history_count)
		show_history(ed, ed->browsing + 1);
	else if (final == 'B' && ed->browsing > 0)
		show_history(ed, ed->browsing - 1);
}

/* Ends the line: returns true, with the line NUL-terminated and remembered. */
static bool finish(struct shell_line *ed)
{
	ed->buf[ed->len] = '\0';
	show(ed, "\n");
	remember(ed);
	ed->len = 0; /* the next byte starts a new line; buf keeps this one until then */
	ed->browsing = 0;
	return true;
}

/* Feeds a byte inside an escape sequence; returns nothing: no sequence ends a line. */
static void feed_escape(struct shell_line *ed, uint8_t c)
{
	switch (ed->esc) {
	case SHELL_ESC_START:
		ed->esc = c == '[' ? SHELL_ESC_CSI : c == 'O' ? SHELL_ESC_SS3 : SHELL_ESC_NONE;
		break;
	case SHELL_ESC_CSI:
		if (c >= 0x40 && c <= 0x7e) { /* the final byte */
			ed->esc = SHELL_ESC_NONE;
			arrow(ed, c);
		} else if (c < 0x20 || c > 0x3f) {
			ed->esc = SHELL_ESC_NONE; /* not a sequence after all: drop it */
		}
		break; /* parameters and intermediates (0x20..0x3f) go on */
	case SHELL_ESC_SS3:
		ed->esc = SHELL_ESC_NONE;
		arrow(ed, c);
		break;
	case SHELL_ESC_NONE: break;
	}
}

bool shell_line_feed(struct shell_line *ed, uint8_t c)
{
	bool after_cr = ed->after_cr;
	ed->after_cr = false;
	if (ed->esc != SHELL_ESC_NONE) {
		feed_escape(ed, c);
		return false;
	}
	switch (c) {
	case '\r': ed->after_cr = true; return finish(ed);
	case '\n': return after_cr ? false : finish(ed);
	case KEY_DEL:
	case KEY_BACKSPACE:
		if (ed->len > 0) {
			ed->len--;
			show(ed, "\b \b");
		}
		return false;
	case KEY_CTRL_U: erase_line(ed); return false;
	case KEY_CTRL_C:
		show(ed, "^C");
		ed->len = 0;
		return finish(ed);
	case KEY_ESC: ed->esc = SHELL_ESC_START; return false;
	}
	if (c < 0x20 || c > 0x7e)
		return false; /* other control bytes and non-ASCII: not part of a command */
	if (ed->len + 1 >= SHELL_LINE_MAX) {
		show(ed, "\a"); /* full: ring the bell */
		return false;
	}
	ed->buf[ed->len++] = (char)c;
	ed->echo((const char *)&c, 1);
	return false;
}
