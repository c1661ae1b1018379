/*
 * kprintf.c - a small printf for the kernel.
 *
 * The formatting is the engine the libc's printf also uses
 * (common/format/format.c): it walks the format string and hands every
 * piece of output to a sink function. kprintf() and ksnprintf() are thin
 * layers that choose the sink (the console, and the in-memory log that
 * dmesg reads, lib/klog.c; or a buffer). The engine
 * never allocates and never touches global state, so kprintf is safe in a
 * fault handler, and all of this is also compiled and tested on the host.
 */
#include "lib/kprintf.h"
#include "lib/console.h"
#include "lib/klog.h"

/*
 * The kernel's dialect of the shared engine: %p of NULL is 0x0, as any
 * address, and there is no floating point (the kernel is built with
 * -mgeneral-regs-only, so %f is an unknown conversion, printed as written).
 */
static const struct fmt_dialect kernel_dialect = {
    .null_pointer = NULL,
    .extension = NULL,
};

/* Formats into sink; the engine's count (format.h). */
int kvformat(kprintf_sink sink, void *ctx, const char *fmt, va_list ap)
{
	return fmt_vformat(&kernel_dialect, sink, ctx, fmt, ap);
}

/* kprintf: a small buffer in front of the console saves per-byte calls. */
struct console_buf {
	char data[128];
	size_t len;
};

static void console_sink(void *ctx, const char *s, size_t n)
{
	struct console_buf *b = ctx;
	while (n) {
		if (b->len == sizeof b->data) {
			console_write(b->data, b->len);
			klog_append(b->data, b->len);
			b->len = 0;
		}
		size_t k = sizeof b->data - b->len;
		if (k > n)
			k = n;
		__builtin_memcpy(b->data + b->len, s, k);
		b->len += k;
		s += k;
		n -= k;
	}
}

int kvprintf(const char *fmt, va_list ap)
{
	struct console_buf b;
	b.len = 0;
	int n = kvformat(console_sink, &b, fmt, ap);
	console_write(b.data, b.len);
	klog_append(b.data, b.len); /* what dmesg reads back (syslog, lib/klog.c) */
	return n;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

/* ksnprintf: the sink copies what fits and counts the rest. */
struct string_buf {
	char *buf;
	size_t size;
	size_t len;
};

static void string_sink(void *ctx, const char *s, size_t n)
{
	struct string_buf *b = ctx;
	for (size_t i = 0; i < n; i++, b->len++)
		if (b->len + 1 < b->size)
			b->buf[b->len] = s[i];
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct string_buf b = {buf, size, 0};
	int n = kvformat(string_sink, &b, fmt, ap);
	if (size)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
