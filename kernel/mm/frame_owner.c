/*
 * frame_owner.c - one owner tag per physical frame (frame_owner.h).
 *
 * Theory of operation. The map is a plain byte array indexed by page
 * frame number, from physical 0 to the end of RAM. It lives in the same
 * reserved region as the buddy allocator's metadata (pmm_init sizes both
 * together), so it exists before the first allocation and costs one byte
 * per 4 KiB frame (32 KiB for 128 MiB of RAM). Writers go through
 * frame_owner_map_set, which moves each frame's count from its old tag to
 * its new one, so the per-owner counts are exact at every moment and can
 * be compared with the frame allocator's free and allocated counts: a
 * frame freed without passing through pmm_free, or tagged twice, shows up
 * as a mismatch in mm_check.
 *
 * The file is pure logic (no pmm calls), so the host tests run it too.
 */
#include "mm/frame_owner.h"

struct frame_owner_map frame_owners;

/* Prepares an all-reserved map; the caller tags what is RAM. */
void frame_owner_map_init(struct frame_owner_map *m, uint8_t *tags, uint64_t nframes)
{
	m->tags = tags;
	m->nframes = nframes;
	for (uint64_t i = 0; i < nframes; i++)
		tags[i] = FRAME_OWNER_RESERVED;
	for (unsigned o = 0; o < FRAME_OWNER_COUNT; o++)
		m->count[o] = 0;
	m->count[FRAME_OWNER_RESERVED] = nframes;
}

/* Retags a run of frames, moving each one's count to its new owner. */
void frame_owner_map_set(struct frame_owner_map *m, uint64_t pfn, uint64_t count,
			 enum frame_owner o)
{
	if (pfn >= m->nframes)
		return;
	if (count > m->nframes - pfn)
		count = m->nframes - pfn;
	for (uint64_t i = pfn; i < pfn + count; i++) {
		m->count[m->tags[i]]--;
		m->tags[i] = (uint8_t)o;
	}
	m->count[o] += count;
}

/* Returns the kernel map's count for o (0 for an invalid o). */
uint64_t frame_owner_count(enum frame_owner o)
{
	return (unsigned)o < FRAME_OWNER_COUNT ? frame_owners.count[o] : 0;
}

/* Allocated tags are those pmm_alloc_owned may hand out. */
bool frame_owner_is_allocated(enum frame_owner o)
{
	return o >= FRAME_OWNER_PAGE_TABLE && o < FRAME_OWNER_COUNT;
}

/* One row per owner: its name, its short key and its glyph. */
static const struct {
	const char *name, *key;
	char glyph;
} frame_owner_info[FRAME_OWNER_COUNT] = {
    [FRAME_OWNER_FREE] = {"free", "free", '.'},
    [FRAME_OWNER_RESERVED] = {"reserved", "reserved", '#'},
    [FRAME_OWNER_KERNEL_IMAGE] = {"kernel image", "image", 'K'},
    [FRAME_OWNER_BOOT] = {"boot modules", "boot", 'B'},
    [FRAME_OWNER_METADATA] = {"frame metadata", "metadata", 'M'},
    [FRAME_OWNER_PAGE_TABLE] = {"page table", "pagetable", 'P'},
    [FRAME_OWNER_KHEAP] = {"kernel heap", "kheap", 'H'},
    [FRAME_OWNER_KSTACK] = {"kernel stack", "kstack", 'S'},
    [FRAME_OWNER_USER] = {"user", "user", 'U'},
    [FRAME_OWNER_PAGE_CACHE] = {"page cache", "pagecache", 'C'},
    [FRAME_OWNER_KERNEL] = {"kernel", "kernel", 'k'},
};

/* Table lookups, with a safe answer for a value that is not an owner. */
const char *frame_owner_name(enum frame_owner o)
{
	return (unsigned)o < FRAME_OWNER_COUNT ? frame_owner_info[o].name : "?";
}

const char *frame_owner_key(enum frame_owner o)
{
	return (unsigned)o < FRAME_OWNER_COUNT ? frame_owner_info[o].key : "?";
}

char frame_owner_glyph(enum frame_owner o)
{
	return (unsigned)o < FRAME_OWNER_COUNT ? frame_owner_info[o].glyph : '?';
}
