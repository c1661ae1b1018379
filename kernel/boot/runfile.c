/*
 * runfile.c - parsing the run file (runfile.h). Every read is checked
 * against the length: the file comes from outside the kernel.
 */
#include "boot/runfile.h"
#include "lib/kprintf.h"
#include "lib/string.h"

#define MAX_STRINGS (1 << 20) /* more than any stack could hold */

struct cursor {
	const char *p, *end;
};

/* Returns true if the cursor's next bytes are word and moves past them. */
static bool take_word(struct cursor *c, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n) != 0)
		return false;
	c->p += n;
	return true;
}

/* Reads " N" (a space and a decimal number up to max) into *v; false if absent or too big. */
static bool take_number(struct cursor *c, uint64_t max, uint64_t *v)
{
	if (c->p == c->end || *c->p != ' ')
		return false;
	c->p++;
	uint64_t n = 0;
	const char *start = c->p;
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
		n = n * 10 + (uint64_t)(*c->p++ - '0');
		if (n > max)
			return false;
	}
	*v = n;
	return c->p > start;
}

/* Moves past the newline ending a header line; false if something else is there. */
static bool take_newline(struct cursor *c)
{
	if (c->p == c->end || *c->p != '\n')
		return false;
	c->p++;
	return true;
}

/* Parses the optional terminal lines; false on a malformed one. */
static bool take_terminal(struct cursor *c, struct runfile *out)
{
	uint64_t v, w;
	if (take_word(c, "tty")) {
		if (!take_number(c, 7, &v) || !take_newline(c))
			return false;
		out->tty_mask = (unsigned)v;
	}
	if (take_word(c, "winsize")) {
		if (!take_number(c, 0xffff, &v) || !take_number(c, 0xffff, &w) || !take_newline(c))
			return false;
		out->rows = (unsigned short)v;
		out->cols = (unsigned short)w;
	}
	if (take_word(c, "termios")) {
		uint32_t *flags[] = {&out->iflag, &out->oflag, &out->cflag, &out->lflag};
		for (int i = 0; i < 4; i++) {
			if (!take_number(c, 0xffffffffu, &v))
				return false;
			*flags[i] = (uint32_t)v;
		}
		for (int i = 0; i < RUNFILE_NCCS; i++) {
			if (!take_number(c, 0xff, &v))
				return false;
			out->cc[i] = (uint8_t)v;
		}
		if (!take_newline(c))
			return false;
		out->have_termios = true;
	}
	return true;
}

/* Parses the optional " PATH" of a cwd line (after the word): up to the
 * newline, not empty, with no NUL; false if malformed. */
static bool take_cwd(struct cursor *c, struct runfile *out)
{
	if (!take_word(c, "cwd"))
		return true;
	if (c->p == c->end || *c->p != ' ')
		return false;
	const char *start = ++c->p;
	while (c->p < c->end && *c->p != '\n' && *c->p != '\0')
		c->p++;
	if (c->p == start || !take_newline(c))
		return false;
	out->cwd = start;
	out->cwd_len = (size_t)(c->p - 1 - start);
	return true;
}

bool runfile_parse(const char *buf, size_t len, struct runfile *out, char *err, size_t errsize)
{
	struct cursor c = {buf, buf + len};
	uint64_t argc, envc;
	memset(out, 0, sizeof *out);
	if (!take_word(&c, "interlude-run 1") || !take_newline(&c)) {
		ksnprintf(err, errsize, "it does not start with \"interlude-run 1\"");
		return false;
	}
	if (!take_terminal(&c, out)) {
		ksnprintf(err, errsize, "a malformed tty, winsize or termios line");
		return false;
	}
	if (!take_cwd(&c, out)) {
		ksnprintf(err, errsize, "a malformed cwd line");
		return false;
	}
	if (!take_word(&c, "argc") || !take_number(&c, MAX_STRINGS, &argc) || !take_newline(&c) ||
	    !take_word(&c, "envc") || !take_number(&c, MAX_STRINGS, &envc) || !take_newline(&c) ||
	    !take_newline(&c)) {
		ksnprintf(err, errsize, "no \"argc N\", \"envc M\" and empty line");
		return false;
	}
	/* Exactly argc + envc strings, each ending with its NUL, and nothing after. */
	uint64_t count = 0;
	for (const char *p = c.p; p < c.end; p++)
		count += *p == '\0';
	if (count != argc + envc || (c.p < c.end && c.end[-1] != '\0')) {
		ksnprintf(err, errsize, "%lu strings for argc %lu + envc %lu", count, argc, envc);
		return false;
	}
	out->argc = (int)argc;
	out->envc = (int)envc;
	out->strings = c.p;
	out->strings_size = (size_t)(c.end - c.p);
	return true;
}
