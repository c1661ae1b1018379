/*
 * line.h - the console's line editor: bytes from a terminal in, one
 * edited line out, with backspace and a history browsed with the arrows.
 */
#ifndef SHELL_LINE_H
#define SHELL_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SHELL_LINE_MAX 160 /* bytes of a line, its NUL included */
#define SHELL_HISTORY 16   /* lines remembered */

/* Where in an escape sequence the editor is (ECMA-48). */
enum shell_escape {
	SHELL_ESC_NONE,	 /* ordinary bytes */
	SHELL_ESC_START, /* after ESC */
	SHELL_ESC_CSI,	 /* after ESC [: parameters until a final byte */
	SHELL_ESC_SS3,	 /* after ESC O: one final byte */
};

struct shell_line {
	char buf[SHELL_LINE_MAX]; /* the line being edited; NUL-terminated when done */
	size_t len;
	char history[SHELL_HISTORY][SHELL_LINE_MAX]; /* a ring, newest at newest */
	unsigned history_count;			     /* lines in the ring (up to SHELL_HISTORY) */
	unsigned newest;			     /* index of the newest line */
	unsigned browsing; /* 0: editing a new line; k: showing the k-th newest */
	enum shell_escape esc;
	bool after_cr; /* the last byte ended a line with CR: a LF right after is its pair */
	void (*echo)(const char *s, size_t n); /* what the terminal should show */
};

/* Makes ed empty, with no history; echo receives everything to show. */
void shell_line_init(struct shell_line *ed, void (*echo)(const char *s, size_t n));

/*
 * Feeds one byte typed at the terminal. Returns true when it ended a line
 * (CR, LF or CR LF): the line is then in ed->buf, NUL-terminated, and in
 * the history if it is not empty nor the same as the newest one; the
 * next byte starts a new line. Printable bytes are inserted at the end,
 * backspace (DEL or ^H) erases the last one, ^U the whole line, ^C
 * abandons it (an empty line comes out); the up and down arrows (ESC [ A
 * and ESC [ B, or ESC O A and ESC O B) replace the line with an older or
 * newer one of the history; any other escape sequence is read to its end
 * and ignored, so that its bytes never become text.
 */
bool shell_line_feed(struct shell_line *ed, uint8_t c);

#endif
