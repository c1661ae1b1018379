/*
 * cpio.c - see cpio.h. Pure code, also tested and fuzzed on the host.
 *
 * Theory of operation. The parser walks the archive with one offset,
 * `off`, that never passes `len`: before each piece (header, name, data)
 * is looked at, its size is checked against what is left, with the sums
 * done so that they cannot overflow. A number is taken only if all 8 of
 * its characters are hexadecimal digits (the format allows nothing else),
 * so a damaged header is noticed where it is, not several entries later.
 */
#include "fs/cpio.h"
#include "lib/errno.h"
#include "lib/kprintf.h"

/* Header fields, in order after the magic (each 8 hex digits). */
enum {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_FILESIZE,
	F_DEVMAJOR,
	F_DEVMINOR,
	F_RDEVMAJOR,
	F_RDEVMINOR,
	F_NAMESIZE,
	F_CHECK,
	F_COUNT
};

/* Returns true and sets *v if s[0, 8) are hexadecimal digits. */
static bool hex8(const char *s, uint32_t *v)
{
	uint32_t r = 0;
	for (int i = 0; i < 8; i++) {
		char c = s[i];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return false;
		r = r << 4 | d;
	}
	*v = r;
	return true;
}

/* Returns n rounded up to a multiple of 4 (pieces are 4-aligned). */
static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

int cpio_parse(const void *buf, size_t len, cpio_entry_fn fn, void *ctx, char *err, size_t errlen)
{
	const char *a = buf;
	size_t off = 0;
	for (;;) {
		if (len - off < CPIO_HEADER_SIZE) {
			ksnprintf(err, errlen, "cpio: at offset %zu: %s", off,
				  off == len ? "no TRAILER!!! entry at the end"
					     : "a header cut short by the end of the archive");
			return -EINVAL;
		}
		const char *h = a + off;
		if (h[0] != '0' || h[1] != '7' || h[2] != '0' || h[3] != '7' || h[4] != '0' ||
		    (h[5] != '1' && h[5] != '2')) {
			ksnprintf(err, errlen,
				  "cpio: at offset %zu: bad magic (not 070701: not a "
				  "newc archive)",
				  off);
			return -EINVAL;
		}
		uint32_t f[F_COUNT];
		for (int i = 0; i < F_COUNT; i++)
			if (!hex8(h + 6 + 8 * i, &f[i])) {
				ksnprintf(
				    err, errlen,
				    "cpio: at offset %zu: header field %d is not 8 hex digits", off,
				    i + 1);
				return -EINVAL;
			}
		size_t namesize = f[F_NAMESIZE];
		size_t name_at = off + CPIO_HEADER_SIZE;
		if (namesize < 2 || namesize > CPIO_NAME_MAX || namesize > len - name_at) {
			ksnprintf(err, errlen, "cpio: at offset %zu: name size %zu is %s", off,
				  namesize,
				  namesize < 2 ? "too small" : "past the end or too long");
			return -EINVAL;
		}
		const char *name = a + name_at;
		/* A control character (a newline most of all) in a name would break
		 * every sentence that quotes it, and no real file tree has one. */
		for (size_t i = 0; i < namesize - 1; i++)
			if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f) {
				ksnprintf(err, errlen, "cpio: at offset %zu: %s inside the name",
					  off, name[i] ? "a control character" : "a NUL");
				return -EINVAL;
			}
		if (name[namesize - 1] != '\0') {
			ksnprintf(err, errlen, "cpio: at offset %zu: the name has no final NUL",
				  off);
			return -EINVAL;
		}
		/* The trailer ends the archive: what follows (padding) is not read. */
		if (namesize == 11 && __builtin_memcmp(name, "TRAILER!!!", 11) == 0)
			return 0;
		size_t data_at = pad4(name_at + namesize);
		size_t size = f[F_FILESIZE];
		if (data_at > len || size > len - data_at) {
			ksnprintf(err, errlen,
				  "cpio: at offset %zu (%s): file size %zu goes past the end", off,
				  name, size);
			return -EINVAL;
		}
		size_t next = pad4(data_at + size);
		struct cpio_entry e = {name,	   f[F_MODE],  f[F_INO],
				       f[F_NLINK], f[F_MTIME], (const uint8_t *)a + data_at,
				       size};
		int r = fn(&e, ctx);
		if (r < 0) {
			ksnprintf(err, errlen, "cpio: at offset %zu (%s): refused (error %d)", off,
				  name, r);
			return r;
		}
		/* The last entry's data padding may be cut: then the next header check fails. */
		off = next < len ? next : len;
	}
}
