/*
 * frame_owner_test.c - the frame owner map on its own (suite "frame_owner",
 * kernel and host): tags, per-owner counts, clipping, names and glyphs.
 */
#include "mm/frame_owner.h"
#include "test/ktest.h"

#include <stdint.h>

#ifdef HOST_TEST
#include <string.h>
#else
#include "lib/string.h"
#endif

static uint8_t t_tags[64];
static struct frame_owner_map t_map;

/* Returns the sum of every owner's count: always the map's size. */
static uint64_t total(const struct frame_owner_map *m)
{
	uint64_t sum = 0;
	for (unsigned o = 0; o < FRAME_OWNER_COUNT; o++)
		sum += m->count[o];
	return sum;
}

KTEST(frame_owner, starts_reserved)
{
	frame_owner_map_init(&t_map, t_tags, 64);
	EXPECT_EQ(t_map.count[FRAME_OWNER_RESERVED], 64);
	EXPECT_EQ(t_map.count[FRAME_OWNER_FREE], 0);
	EXPECT_EQ(frame_owner_map_of(&t_map, 0), FRAME_OWNER_RESERVED);
	EXPECT_EQ(frame_owner_map_of(&t_map, 63), FRAME_OWNER_RESERVED);
	/* Beyond the map there is no RAM: reserved too. */
	EXPECT_EQ(frame_owner_map_of(&t_map, 64), FRAME_OWNER_RESERVED);
	EXPECT_EQ(frame_owner_map_of(&t_map, UINT64_MAX), FRAME_OWNER_RESERVED);
}

KTEST(frame_owner, set_moves_counts)
{
	frame_owner_map_init(&t_map, t_tags, 64);
	frame_owner_map_set(&t_map, 16, 32, FRAME_OWNER_FREE);
	frame_owner_map_set(&t_map, 16, 4, FRAME_OWNER_PAGE_TABLE);
	frame_owner_map_set(&t_map, 18, 8, FRAME_OWNER_USER); /* overlaps the last two */
	EXPECT_EQ(t_map.count[FRAME_OWNER_PAGE_TABLE], 2);
	EXPECT_EQ(t_map.count[FRAME_OWNER_USER], 8);
	EXPECT_EQ(t_map.count[FRAME_OWNER_FREE], 32 - 2 - 8);
	EXPECT_EQ(t_map.count[FRAME_OWNER_RESERVED], 32);
	EXPECT_EQ(total(&t_map), 64);
	EXPECT_EQ(frame_owner_map_of(&t_map, 17), FRAME_OWNER_PAGE_TABLE);
	EXPECT_EQ(frame_owner_map_of(&t_map, 18), FRAME_OWNER_USER);
	EXPECT_EQ(frame_owner_map_of(&t_map, 26), FRAME_OWNER_FREE);
	EXPECT_EQ(frame_owner_map_of(&t_map, 15), FRAME_OWNER_RESERVED);
	/* Back to free: the counts return. */
	frame_owner_map_set(&t_map, 16, 10, FRAME_OWNER_FREE);
	EXPECT_EQ(t_map.count[FRAME_OWNER_FREE], 32);
	EXPECT_EQ(t_map.count[FRAME_OWNER_USER], 0);
	EXPECT_EQ(t_map.count[FRAME_OWNER_PAGE_TABLE], 0);
}

KTEST(frame_owner, set_clips_to_the_map)
{
	frame_owner_map_init(&t_map, t_tags, 64);
	frame_owner_map_set(&t_map, 60, 100, FRAME_OWNER_KHEAP);
	EXPECT_EQ(t_map.count[FRAME_OWNER_KHEAP], 4);
	frame_owner_map_set(&t_map, 64, 1, FRAME_OWNER_KHEAP); /* wholly beyond */
	frame_owner_map_set(&t_map, UINT64_MAX, 2, FRAME_OWNER_KHEAP);
	EXPECT_EQ(t_map.count[FRAME_OWNER_KHEAP], 4);
	EXPECT_EQ(total(&t_map), 64);
}

KTEST(frame_owner, names_keys_and_glyphs_are_distinct)
{
	for (unsigned a = 0; a < FRAME_OWNER_COUNT; a++) {
		EXPECT_FALSE(ktest_contains(frame_owner_name((enum frame_owner)a), "?"));
		for (unsigned b = a + 1; b < FRAME_OWNER_COUNT; b++) {
			EXPECT_NE(frame_owner_glyph((enum frame_owner)a),
				  frame_owner_glyph((enum frame_owner)b));
			EXPECT_FALSE(strcmp(frame_owner_key((enum frame_owner)a),
					    frame_owner_key((enum frame_owner)b)) == 0);
		}
	}
	EXPECT_EQ(frame_owner_glyph(FRAME_OWNER_FREE), '.');
	EXPECT_STREQ(frame_owner_name(FRAME_OWNER_PAGE_TABLE), "page table");
	EXPECT_STREQ(frame_owner_name(FRAME_OWNER_COUNT), "?");
	EXPECT_FALSE(frame_owner_is_allocated(FRAME_OWNER_FREE));
	EXPECT_FALSE(frame_owner_is_allocated(FRAME_OWNER_METADATA));
	EXPECT_TRUE(frame_owner_is_allocated(FRAME_OWNER_PAGE_TABLE));
	EXPECT_TRUE(frame_owner_is_allocated(FRAME_OWNER_KERNEL));
	EXPECT_FALSE(frame_owner_is_allocated(FRAME_OWNER_COUNT));
}
