/*
 * fwcfg.c - reading a named file from QEMU's fw_cfg device through its I/O
 * ports (QEMU's docs/specs/fw_cfg.rst): write a 16-bit selector to port
 * 0x510, then read the item's bytes one at a time from port 0x511. Item
 * 0x0000 holds the signature "QEMU"; item 0x0019 the file directory: a
 * big-endian count, then 64-byte entries (size, selector, name).
 */
#include "arch/x86_64/fwcfg.h"
#include "arch/x86_64/cpu.h"

#include <stdint.h>

#define FW_CFG_SELECTOR 0x510
#define FW_CFG_DATA 0x511
#define FW_CFG_SIGNATURE 0x0000
#define FW_CFG_FILE_DIR 0x0019

static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static void read_bytes(void *buf, size_t n)
{
	uint8_t *p = buf;
	for (size_t i = 0; i < n; i++)
		p[i] = inb(FW_CFG_DATA);
}

static uint32_t be32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static bool same(const char *a, const char *b, size_t max)
{
	for (size_t i = 0; i < max; i++) {
		if (a[i] != b[i])
			return false;
		if (!a[i])
			return true;
	}
	return true;
}

/*
 * Finds the file `name` in the directory; true with its size and selector,
 * false if there is no fw_cfg device or no such file.
 */
static bool find(const char *name, uint32_t *size, uint16_t *select)
{
	char sig[4];
	outw(FW_CFG_SELECTOR, FW_CFG_SIGNATURE);
	read_bytes(sig, 4);
	if (sig[0] != 'Q' || sig[1] != 'E' || sig[2] != 'M' || sig[3] != 'U')
		return false; /* not QEMU, or no fw_cfg */
	uint8_t word[4];
	outw(FW_CFG_SELECTOR, FW_CFG_FILE_DIR);
	read_bytes(word, 4);
	uint32_t count = be32(word);
	for (uint32_t i = 0; i < count && i < 4096; i++) {
		struct {
			uint8_t size[4];
			uint8_t select[2];
			uint8_t reserved[2];
			char name[56];
		} entry;
		read_bytes(&entry, sizeof entry);
		if (same(entry.name, name, sizeof entry.name)) {
			*size = be32(entry.size);
			*select = (uint16_t)(entry.select[0] << 8 | entry.select[1]);
			return true;
		}
	}
	return false;
}

bool fwcfg_read_file(const char *name, char *buf, size_t size)
{
	if (size == 0)
		return false;
	buf[0] = '\0';
	uint32_t n;
	uint16_t select;
	if (!find(name, &n, &select))
		return false;
	outw(FW_CFG_SELECTOR, select);
	size_t take = n < size - 1 ? n : size - 1;
	read_bytes(buf, take);
	buf[take] = '\0';
	return true;
}

bool fwcfg_file_size(const char *name, uint32_t *size)
{
	uint16_t select;
	return find(name, size, &select);
}

size_t fwcfg_read_bytes(const char *name, void *buf, size_t size)
{
	uint32_t n;
	uint16_t select;
	if (!find(name, &n, &select))
		return 0;
	outw(FW_CFG_SELECTOR, select);
	size_t take = n < size ? n : size;
	read_bytes(buf, take);
	return take;
}
