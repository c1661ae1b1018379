/*
 * cpio.h - reading a cpio "newc" archive, the format of the boot file
 * system (tools/mkcpio.py writes it; Linux's initramfs uses the same).
 *
 * An archive is a run of entries, each a 110-byte ASCII header (the magic
 * "070701" then 13 fields of 8 hexadecimal digits), the file name (its
 * NUL counted in namesize), padding to a multiple of 4, the file's bytes,
 * padding to a multiple of 4. The entry named "TRAILER!!!" ends it.
 * cpio_parse checks every header before it believes it: a corrupt archive
 * is refused with a sentence, never read past its end. Pure code, also
 * tested and fuzzed on the host.
 */
#ifndef FS_CPIO_H
#define FS_CPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CPIO_HEADER_SIZE 110
#define CPIO_NAME_MAX 4096 /* namesize, NUL included: Linux's PATH_MAX */

/* One entry as the archive gives it; name and data point into the archive. */
struct cpio_entry {
	const char *name; /* NUL-terminated, namesize - 1 bytes long */
	uint32_t mode;	  /* file type and permission bits, as st_mode */
	uint32_t ino, nlink, mtime;
	const uint8_t *data; /* the file's bytes (a symbolic link's target) */
	size_t size;
};

/* Called for every entry but the trailer; returns 0 to go on, or a
 * negative errno to stop the parse with that result. */
typedef int (*cpio_entry_fn)(const struct cpio_entry *e, void *ctx);

/*
 * Parses the archive buf[0, len), calling fn for each entry in order.
 * Returns 0 when the trailer was reached, -EINVAL for a corrupt archive
 * (bad magic, a field that is not 8 hex digits, a name without its NUL or
 * with one inside, a size past the end, no trailer), with a sentence in
 * err[0, errlen) naming the entry's offset; or fn's negative result.
 */
int cpio_parse(const void *buf, size_t len, cpio_entry_fn fn, void *ctx, char *err, size_t errlen);

#endif
