/*
 * runfile.h - the run file: how the runner (tools/run-prog) tells the
 * kernel what to run the boot module with, byte for byte.
 *
 * The kernel command line and GRUB's module strings are split at spaces
 * and pass through GRUB's configuration language, so they cannot carry an
 * argument with a space, a quote or an '&'. The runner instead hands QEMU a
 * file (fw_cfg "opt/interlude/run", fwcfg.h) made of text header lines and
 * then the strings:
 *
 *     interlude-run 1
 *     tty MASK                  bit n set: fd n is attached to a terminal
 *     winsize ROWS COLS         that terminal's size (TIOCGWINSZ)
 *     termios I O C L CC0..CC18 its settings, as Linux's struct termios (TCGETS)
 *     cwd PATH                  the directory it starts in (any bytes but NUL and newline)
 *     argc N
 *     envc M
 *     (an empty line)
 *     argv[0] NUL ... argv[N-1] NUL envp[0] NUL ... envp[M-1] NUL
 *
 * Numbers are decimal. The tty, winsize and termios lines may be left out
 * (no terminal), and the cwd line (the root). A string may hold any byte but NUL. runfile_parse is pure
 * code, also tested on the host.
 */
#ifndef BOOT_RUNFILE_H
#define BOOT_RUNFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RUNFILE_NCCS 19 /* Linux's NCCS for struct termios */

struct runfile {
	unsigned tty_mask; /* bit n: fd n is a terminal */
	unsigned short rows, cols;
	bool have_termios;
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t cc[RUNFILE_NCCS];
	const char *cwd; /* the cwd line's path, cwd_len bytes (not NUL-terminated); NULL: none */
	size_t cwd_len;
	int argc, envc;
	const char *strings; /* argc + envc NUL-terminated strings, one after the other */
	size_t strings_size; /* bytes, the last NUL included */
};

/*
 * Parses the run file buf[0, len) into *out (its strings point into buf).
 * Returns true, or false with a sentence saying what is wrong in err.
 */
bool runfile_parse(const char *buf, size_t len, struct runfile *out, char *err, size_t errsize);

#endif
