/*
 * fwcfg.c - reading a named file from QEMU's fw_cfg device through its I/O
 * ports (QEMU's docs/specs/fw_cfg.rst): write a 16-bit selector to port
 * 0x510, then read the item's bytes one at a time from port 0x511. Item
 * 0x0000 holds the signature "QEMU"; item 0x0019 the file directory: a
 * big-endian count, then 64-byte entries (size, selector, name).
 *
 * A big file (a program of megabytes) would take seconds a byte at a time
 * under emulation, so fwcfg_dma_read uses the DMA interface when item
 * 0x0001's feature bits offer it: the guest writes the physical address
 * of a 16-byte request (control, length, address, all big-endian) to port
 * 0x514 (high half) and 0x518 (low half); QEMU copies the bytes into
 * guest memory before the second write returns and clears the control
 * word (or leaves its error bit set).
 */
#include "arch/x86_64/fwcfg.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/memlayout.h"

#include <stdint.h>

#define FW_CFG_SELECTOR 0x510
#define FW_CFG_DATA 0x511
#define FW_CFG_SIGNATURE 0x0000
#define FW_CFG_FILE_DIR 0x0019
#define FW_CFG_ID 0x0001      /* feature bits: 1 = ports, 2 = DMA */
#define FW_CFG_DMA_HIGH 0x514 /* the request's physical address, big-endian halves */
#define FW_CFG_DMA_LOW 0x518
#define FW_CFG_DMA_ERROR 0x1u
#define FW_CFG_DMA_READ 0x2u
#define FW_CFG_DMA_SELECT 0x8u

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

static uint32_t bswap32(uint32_t v)
{
	return __builtin_bswap32(v);
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

/* The DMA request QEMU reads (docs/specs/fw_cfg.rst): every field big-endian. */
struct dma_request {
	uint32_t control; /* select << 16 | flags; 0 when done, the error bit on failure */
	uint32_t length;
	uint64_t address; /* guest physical */
} __attribute__((packed, aligned(16)));

/* Returns true if the device offers the DMA interface (feature bit 2 of item 0x0001). */
static bool has_dma(void)
{
	uint8_t id[4];
	outw(FW_CFG_SELECTOR, FW_CFG_ID);
	read_bytes(id, 4);
	return (id[0] | id[1] << 8 | id[2] << 16 | (uint32_t)id[3] << 24) & 2u;
}

bool fwcfg_dma_read(const char *name, uint64_t dest_phys, uint32_t size)
{
	uint32_t n;
	uint16_t select;
	if (!find(name, &n, &select) || n != size || !has_dma())
		return false;
	static struct dma_request req;
	req.control = bswap32((uint32_t)select << 16 | FW_CFG_DMA_SELECT | FW_CFG_DMA_READ);
	req.length = bswap32(size);
	req.address = __builtin_bswap64(dest_phys);
	uint64_t at = virt_to_phys(&req);
	__asm__ volatile("" ::: "memory"); /* the request is in memory before QEMU looks */
	outl(FW_CFG_DMA_HIGH, bswap32((uint32_t)(at >> 32)));
	outl(FW_CFG_DMA_LOW, bswap32((uint32_t)at));
	__asm__ volatile("" ::: "memory");
	/* QEMU finishes before the write returns; the loop is what the spec asks of a guest. */
	uint32_t control;
	while ((control = bswap32(*(volatile uint32_t *)&req.control)) & ~FW_CFG_DMA_ERROR)
		;
	return !(control & FW_CFG_DMA_ERROR);
}
