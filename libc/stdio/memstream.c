/*
 * memstream.c - streams on memory, built on fopencookie (cookie.c).
 *
 * fmemopen(buf, size, mode): the stream reads and writes buf[0, size).
 * Its end starts at size ("r", "r+"), at 0 ("w", "w+": buf is not
 * touched until the first write, as in glibc) or at the first NUL ("a",
 * "a+", where writing always appends). A size of 0 is allowed, as glibc
 * allows it: such a stream is at its end at once.
 * Reading stops at the end; writing stops at size (a write with no room
 * left fails with ENOSPC), moves the end, and puts a NUL after it while
 * there is room, so that buf stays a string (not with "b" in the mode).
 * With buf NULL the stream has size bytes of its own, freed at fclose.
 *
 * open_memstream(&ptr, &size): a write-only stream into a buffer that
 * grows as it is written (malloc, then doubling realloc), always with a
 * NUL after what was written; at every fflush and fclose *ptr is the
 * buffer and *size the stream's position. A seek past the end and a
 * write there fill the gap with zeros. The caller frees *ptr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* fmemopen's state. */
struct mem {
	char *buf;
	size_t size, end, pos;
	int append, text, owned; /* "a", not "b", buf malloc'd here */
};

static ssize_t mem_read(void *cookie, char *out, size_t n)
{
	struct mem *m = cookie;
	size_t k = m->pos < m->end ? m->end - m->pos : 0;
	k = k < n ? k : n;
	memcpy(out, m->buf + m->pos, k);
	m->pos += k;
	return (ssize_t)k;
}

static ssize_t mem_write(void *cookie, const char *in, size_t n)
{
	struct mem *m = cookie;
	if (m->append)
		m->pos = m->end;
	size_t k = m->pos < m->size ? m->size - m->pos : 0;
	k = k < n ? k : n;
	if (n && !k) {
		errno = ENOSPC;
		return -1;
	}
	memcpy(m->buf + m->pos, in, k);
	m->pos += k;
	if (m->pos > m->end)
		m->end = m->pos;
	if (m->text && m->end < m->size)
		m->buf[m->end] = 0;
	return (ssize_t)k;
}

/* Moves *pos from whence (the end is the data's end) within [0, limit]:
 * 0, or -1 with EINVAL (and nothing changed). */
static int seek_in(size_t *at, size_t end, size_t limit, off_t *pos, int whence)
{
	off_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off_t)*at : (off_t)end;
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
		return errno = EINVAL, -1;
	off_t to = base + *pos;
	if (to < 0 || (off_t)limit < to || (*pos > 0 && to < base))
		return errno = EINVAL, -1;
	*at = (size_t)to;
	*pos = to;
	return 0;
}

static int mem_seek(void *cookie, off_t *pos, int whence)
{
	struct mem *m = cookie;
	return seek_in(&m->pos, m->end, m->size, pos, whence);
}

static int mem_close(void *cookie)
{
	struct mem *m = cookie;
	if (m->owned)
		free(m->buf);
	free(m);
	return 0;
}

FILE *fmemopen(void *restrict buf, size_t size, const char *restrict mode)
{
	if (mode[0] != 'r' && mode[0] != 'w' && mode[0] != 'a') {
		errno = EINVAL;
		return NULL;
	}
	struct mem *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->size = size;
	m->text = !strchr(mode, 'b');
	m->append = mode[0] == 'a';
	m->buf = buf;
	if (!buf) {
		m->buf = calloc(1, size ? size : 1);
		m->owned = 1;
		if (!m->buf) {
			free(m);
			return NULL;
		}
	}
	if (mode[0] == 'r') {
		m->end = size;
	} else if (mode[0] == 'a') {
		void *nul = memchr(m->buf, 0, size);
		m->end = m->pos = nul ? (size_t)((char *)nul - m->buf) : size;
	}
	cookie_io_functions_t io = {mem_read, mem_write, mem_seek, mem_close};
	FILE *f = fopencookie(m, mode, io);
	if (!f)
		mem_close(m);
	return f;
}

/* open_memstream's state. */
struct growing {
	char **ptr;
	size_t *sizep;
	char *buf;
	size_t cap, len, pos; /* len: bytes written (the NUL goes at buf[len]) */
};

/* Makes room for need bytes and a NUL; 0, or -1 with ENOMEM. */
static int grow(struct growing *g, size_t need)
{
	if (need < g->cap)
		return 0;
	size_t cap = g->cap;
	while (cap <= need)
		cap *= 2;
	char *bigger = realloc(g->buf, cap);
	if (!bigger)
		return -1;
	memset(bigger + g->cap, 0, cap - g->cap);
	g->buf = bigger;
	g->cap = cap;
	return 0;
}

/* *ptr and *size: what the caller sees after a flush. */
static void publish(struct growing *g)
{
	*g->ptr = g->buf;
	*g->sizep = g->pos < g->len ? g->pos : g->len;
}

static ssize_t grow_write(void *cookie, const char *in, size_t n)
{
	struct growing *g = cookie;
	if (grow(g, g->pos + n) != 0)
		return -1;
	memcpy(g->buf + g->pos, in, n); /* a gap below pos is zeros already */
	g->pos += n;
	if (g->pos > g->len)
		g->len = g->pos;
	g->buf[g->len] = 0;
	publish(g);
	return (ssize_t)n;
}

static int grow_seek(void *cookie, off_t *pos, int whence)
{
	struct growing *g = cookie;
	if (seek_in(&g->pos, g->len, (size_t)-1 / 2, pos, whence) != 0)
		return -1;
	publish(g);
	return 0;
}

static int grow_close(void *cookie)
{
	struct growing *g = cookie;
	publish(g);
	free(g); /* the buffer is the caller's */
	return 0;
}

FILE *open_memstream(char **ptr, size_t *size)
{
	if (!ptr || !size) {
		errno = EINVAL;
		return NULL;
	}
	struct growing *g = calloc(1, sizeof *g);
	if (!g)
		return NULL;
	g->cap = 64;
	g->buf = calloc(1, g->cap);
	if (!g->buf) {
		free(g);
		return NULL;
	}
	g->ptr = ptr;
	g->sizep = size;
	publish(g);
	cookie_io_functions_t io = {NULL, grow_write, grow_seek, grow_close};
	FILE *f = fopencookie(g, "w", io);
	if (!f) {
		free(g->buf);
		free(g);
	}
	return f;
}
