/*
 * cmd_mem.c - the console's commands about physical memory and the kernel
 * heap: mem, frames, slabinfo.
 *
 * Theory of operation. Everything here reads the allocators' own books
 * and changes nothing (pmm_get_stats merges the few unmerged single frames
 * first, which changes no count, only how free memory is split in blocks).
 * `mem` gives the buddy allocator's free blocks per order, then the frames
 * per zone: Linux's DMA (below 16 MiB), DMA32 (below 4 GiB) and Normal, a
 * division of physical addresses that old devices made necessary and the
 * frame allocator here does not need, but that a student meets in
 * /proc/zoneinfo; then what pmm_init kept out of the allocator.
 * `frames` draws physical memory as a map, one character per block of
 * frames, so that a student sees where the kernel, its metadata and the
 * free memory lie, and how a program's run changes them.
 */
#include "lib/kprintf.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "shell/commands.h"

#define FRAME 4096ull
#define MAP_COLUMNS 64
#define MAP_MAX_CELLS (MAP_COLUMNS * 32) /* at most 32 lines */

struct zone {
	const char *name;
	uint64_t start, end;
};
static const struct zone zones[] = {
    {"DMA", 0, 16ull << 20},
    {"DMA32", 16ull << 20, 4ull << 30},
    {"Normal", 4ull << 30, UINT64_MAX},
};

/* Prints the managed, free and used frames of zone z. */
static void print_zone(const struct zone *z)
{
	uint64_t end = pmm_ram_end() < z->end ? pmm_ram_end() : z->end;
	uint64_t managed = 0, used = 0;
	for (uint64_t p = z->start; p < end; p += FRAME)
		if (pmm_is_ram(p)) {
			managed++;
			used += pmm_frame_in_use(p);
		}
	if (z->start >= end)
		return;
	kprintf("mem: zone %-6s 0x%09llx-0x%09llx managed %7llu free %7llu used %7llu\n", z->name,
		(unsigned long long)z->start, (unsigned long long)end, (unsigned long long)managed,
		(unsigned long long)(managed - used), (unsigned long long)used);
}

void shell_cmd_mem(int argc, char **argv)
{
	(void)argc, (void)argv;
	struct pmm_stats s;
	pmm_get_stats(&s);
	kprintf("mem: frames of 4 KiB: RAM %llu, usable %llu, reserved %llu, free %llu, used "
		"%llu (",
		(unsigned long long)s.total_frames, (unsigned long long)s.usable_frames,
		(unsigned long long)s.reserved_frames, (unsigned long long)s.free_frames,
		(unsigned long long)s.allocated_frames);
	shell_print_frames(s.free_frames);
	kprintf(" free)\n");
	kprintf("mem: order %9s %12s %12s\n", "block", "free blocks", "free frames");
	for (unsigned k = 0; k < PMM_NUM_ORDERS; k++) {
		kprintf("mem: %5u %5llu KiB %12llu %12llu\n", k, (unsigned long long)(4ull << k),
			(unsigned long long)s.free_blocks[k],
			(unsigned long long)(s.free_blocks[k] << k));
	}
	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
		print_zone(&zones[i]);
	const struct pmm_reservation *r;
	unsigned n = pmm_reservations(&r);
	for (unsigned i = 0; i < n; i++)
		kprintf("mem: reserved %-10s 0x%09llx-0x%09llx %7llu frames\n", r[i].what,
			(unsigned long long)r[i].start, (unsigned long long)r[i].end,
			(unsigned long long)r[i].frames);
}

/* Returns the map's character for the frame at phys. */
static char frame_char(uint64_t phys)
{
	if (pmm_is_ram(phys))
		return pmm_frame_in_use(phys) ? '#' : '.';
	const struct pmm_reservation *r;
	unsigned n = pmm_reservations(&r);
	for (unsigned i = 0; i < n; i++)
		if (phys >= r[i].start && phys < r[i].end) {
			switch (r[i].what[0]) {
			case 'k': return 'K';				  /* kernel */
			case 'b': return 'I';				  /* boot info */
			case 'm': return r[i].what[1] == 'o' ? 'M' : 'm'; /* module, metadata */
			case 'f': return 'B';				  /* first MiB: BIOS */
			}
		}
	return ' ';
}

/* Returns the character that occurs most in chars[0, n) (the first on a tie). */
static char most_common(const char *chars, unsigned n)
{
	char best = chars[0];
	unsigned best_count = 0;
	for (unsigned i = 0; i < n; i++) {
		unsigned count = 0;
		for (unsigned j = 0; j < n; j++)
			count += chars[j] == chars[i];
		if (count > best_count) {
			best = chars[i];
			best_count = count;
		}
	}
	return best;
}

void shell_cmd_frames(int argc, char **argv)
{
	(void)argc, (void)argv;
	uint64_t frames = pmm_ram_end() / FRAME;
	uint64_t per = 1; /* frames per character: a power of two, so cells stay aligned */
	while (frames / per > MAP_MAX_CELLS)
		per *= 2;
	kprintf("frames: one character per %llu frame%s (", (unsigned long long)per,
		per == 1 ? "" : "s");
	shell_print_frames(per);
	kprintf("), the most common kind in the block:\n");
	kprintf("frames: . free  # used  K kernel image  m allocator metadata  I boot info  "
		"M module  B first MiB  (blank) not RAM\n");
	char line[MAP_COLUMNS + 1], kinds[64];
	unsigned col = 0;
	uint64_t row = 0; /* the first frame of the line */
	for (uint64_t f = 0; f < frames; f += per) {
		unsigned n = 0;
		if (col == 0)
			row = f;
		/* Sample at most 64 frames of a block: enough for the majority, bounded cost. */
		uint64_t step = per > 64 ? per / 64 : 1;
		for (uint64_t g = f; g < f + per && g < frames && n < 64; g += step)
			kinds[n++] = frame_char(g * FRAME);
		line[col++] = most_common(kinds, n);
		if (col == MAP_COLUMNS || f + per >= frames) {
			line[col] = '\0';
			kprintf("frames: 0x%09llx %s\n", (unsigned long long)(row * FRAME), line);
			col = 0;
		}
	}
}

void shell_cmd_slabinfo(int argc, char **argv)
{
	(void)argc, (void)argv;
	kheap_print_slabinfo();
}
