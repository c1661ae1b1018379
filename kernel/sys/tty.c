/*
 * tty.c - the program's terminal and standard input (tty.h).
 *
 * Standard input crosses the fourth serial port (COM4) as a conversation,
 * so that every read() in Interlude is one read() by the runner on its own
 * standard input, and what that returns (some bytes, or 0 at end of file)
 * comes back exactly:
 *
 *     kernel -> runner   'R', then the count wanted: 4 bytes, little-endian
 *     runner -> kernel   the count read L <= wanted: 4 bytes, little-endian,
 *                        then L bytes; L = 0 is end of file
 *
 * Any byte can be data, since the length says where the data ends; an end
 * of file is not a byte at all, so a terminal's ^D and a pipe's end come
 * across as they are (a terminal can give more after ^D, a pipe cannot:
 * the runner's own read() decides). Nothing is sent before the program
 * asks, so input a program never reads stays unread, and nothing can be
 * lost while the kernel boots.
 */
#include "sys/tty.h"
#include "arch/x86_64/serial.h"
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"

#define STDIN_PORT SERIAL_COM4
#define REQUEST_MAX 65536 /* bytes asked for at once; a read may return fewer */
#define CHUNK 256

/* Linux's ioctl numbers and struct termios (asm-generic/termbits.h) for x86-64. */
#define TCGETS 0x5401
#define TIOCGWINSZ 0x5413

struct linux_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[RUNFILE_NCCS];
};

struct linux_winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

static struct runfile terminal;			     /* only its terminal fields are used */
static int64_t (*stdin_source)(char *buf, size_t n); /* tty_set_stdin_source */

void tty_set_stdin_source(int64_t (*fn)(char *buf, size_t n))
{
	stdin_source = fn;
}

/* Reads up to n bytes from stdin_source into user memory at buf; returns
 * the count, 0 at end of file, or -EFAULT (the bytes are then lost, as a
 * Linux terminal's are when read() faults). */
static int64_t read_from_source(uint64_t buf, uint64_t n)
{
	char chunk[CHUNK];
	int64_t k = stdin_source(chunk, n < CHUNK ? (size_t)n : CHUNK);
	if (k <= 0)
		return k;
	size_t got = copy_to_user_partial(buf, chunk, (size_t)k);
	return got ? (int64_t)got : -EFAULT;
}

void tty_setup(const struct runfile *rf)
{
	memset(&terminal, 0, sizeof terminal);
	if (rf)
		terminal = *rf;
	terminal.strings = NULL;
}

bool tty_is_terminal(uint64_t fd)
{
	return fd <= 2 && (terminal.tty_mask & (1u << fd));
}

/* Returns the next byte the runner sent, halting until there is one. */
static uint8_t receive_byte(void)
{
	return serial_port_read_byte_wait(STDIN_PORT);
}

/* Returns a 4-byte little-endian number from the runner. */
static uint32_t receive_u32(void)
{
	uint32_t v = 0;
	for (int i = 0; i < 4; i++)
		v |= (uint32_t)receive_byte() << (8 * i);
	return v;
}

int64_t tty_read_stdin(uint64_t buf, uint64_t n)
{
	if (stdin_source && n)
		return read_from_source(buf, n);
	if (!serial_port_present(STDIN_PORT) || n == 0)
		return 0; /* no input attached: as if from /dev/null */
	uint32_t want = n < REQUEST_MAX ? (uint32_t)n : REQUEST_MAX;
	char request[5] = {'R', (char)want, (char)(want >> 8), (char)(want >> 16),
			   (char)(want >> 24)};
	serial_port_write(STDIN_PORT, request, sizeof request);
	uint32_t len = receive_u32();
	if (len > want)
		len = want; /* a confused runner: take no more than asked, resync below */
	/* Every byte of the answer is taken off the line, even after a fault,
	 * so that the next read starts at the next answer. */
	char chunk[CHUNK];
	uint64_t copied = 0;
	bool fault = false;
	for (uint32_t done = 0; done < len;) {
		size_t k = len - done < CHUNK ? len - done : CHUNK;
		for (size_t i = 0; i < k; i++)
			chunk[i] = (char)receive_byte();
		if (!fault) {
			size_t got = copy_to_user_partial(buf + done, chunk, k);
			copied += got;
			fault = got < k;
		}
		done += (uint32_t)k;
	}
	if (fault && copied == 0)
		return -EFAULT;
	return (int64_t)copied;
}

int64_t tty_ioctl(uint64_t fd, uint64_t req, uint64_t arg)
{
	if (!tty_is_terminal(fd))
		return -ENOTTY;
	if (req == TCGETS) {
		struct linux_termios t = {
		    terminal.iflag, terminal.oflag, terminal.cflag, terminal.lflag, 0, {0}};
		memcpy(t.c_cc, terminal.cc, sizeof t.c_cc);
		return copy_to_user(arg, &t, sizeof t) ? -EFAULT : 0;
	}
	if (req == TIOCGWINSZ) {
		struct linux_winsize w = {terminal.rows, terminal.cols, 0, 0};
		return copy_to_user(arg, &w, sizeof w) ? -EFAULT : 0;
	}
	return -ENOTTY; /* the host's terminal cannot be changed from here */
}
