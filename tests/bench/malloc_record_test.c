/*
 * malloc_record_test.c - host unit tests of the trace recorder
 * (tests/bench/malloc_record.c), KTAP output: the trace it writes for
 * calls made up here. The pointers are only names to the recorder, so
 * these are numbers, never memory.
 */
#define KTAP_STDIO
#include "ktap.h"
#include "malloc_record.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char path[] = "/tmp/malloc_record_test.XXXXXX";
static char text[1 << 22];

#define P(n) ((void *)(uintptr_t)(0x10000 + 16 * (n)))
/* Addresses spread as a real heap's are not (a bijection of n), so that
 * some collide in the recorder's hash table. */
#define Q(n) ((void *)(uintptr_t)(0x10000 + 16 * (uint64_t)(uint32_t)((n)*0x2545F491u)))

/* Ends the recording and returns the trace it wrote (in text[]). */
static const char *finish(void)
{
	text[0] = 0;
	if (record_close() != 0)
		return "(record_close failed)";
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
	if (f)
		fclose(f);
	text[n] = 0;
	return text;
}

/* A freed block's id goes to the next block: as many ids as were ever live. */
static void t_ids_reused(void)
{
	ASSERT(record_open(path) == 0);
	record_malloc(P(1), 16);
	record_malloc(P(2), 32);
	record_free(P(1));
	record_malloc(P(3), 8);
	EXPECT(strcmp(finish(), "48\n2\n4\n1\na 0 16\na 1 32\nf 0\na 0 8\n") == 0, "trace: %s",
	       text);
}

/* realloc keeps the block's id; of NULL it is a malloc; a failed one changes nothing. */
static void t_realloc(void)
{
	ASSERT(record_open(path) == 0);
	record_malloc(P(1), 10);
	record_realloc_begin(P(1));
	record_realloc_end(P(4), 20);
	record_realloc_begin(NULL);
	record_realloc_end(P(5), 7);
	record_realloc_begin(P(4));
	record_realloc_end(NULL, 99);
	record_free(P(4));
	EXPECT(strcmp(finish(), "27\n2\n4\n1\na 0 10\nr 0 20\na 1 7\nf 0\n") == 0, "trace: %s",
	       text);
}

/* What the recording never saw is no operation; a pointer given out again
 * unseen was freed unseen, and the trace says so. */
static void t_unseen(void)
{
	ASSERT(record_open(path) == 0);
	record_free(NULL);
	record_free(P(9));
	record_malloc(P(1), 5);
	record_malloc(P(1), 6);
	record_realloc_begin(P(8)); /* never seen: a new block to the trace */
	record_realloc_end(P(1), 3);
	EXPECT(strcmp(finish(), "6\n1\n5\n1\na 0 5\nf 0\na 0 6\nf 0\na 0 3\n") == 0, "trace: %s",
	       text);
}

enum { MANY = 50000 };

/* Many live blocks (the table grows and deletes in clusters): every free
 * finds its block's id, and the trace is one replay accepts. */
static void t_many(void)
{
	ASSERT(record_open(path) == 0);
	for (int i = 0; i < MANY; i++)
		record_malloc(Q(i), 1 + i % 100);
	for (int i = 1; i < MANY; i += 2)
		record_free(Q(i));
	for (int i = 0; i < MANY; i += 2) {
		record_realloc_begin(Q(i));
		record_realloc_end(Q(MANY + i), 200);
	}
	for (int i = 0; i < MANY; i += 2)
		record_free(Q(MANY + i));
	const char *s = finish();
	unsigned long nids, nops, heap;
	int at;
	ASSERT(sscanf(s, "%lu %lu %lu 1%n", &heap, &nids, &nops, &at) == 3);
	EXPECT_EQ(nids, MANY);
	EXPECT_EQ(nops, MANY + 3 * (MANY / 2)); /* a, then f, r and f of half each */
	static unsigned char live[MANY];
	unsigned long seen = 0, bad = 0;
	for (s += at; *s; seen++) {
		char kind;
		unsigned id;
		int len;
		if (sscanf(s, " %c %u%n", &kind, &id, &len) != 2 || id >= MANY)
			break;
		bad += kind == 'a' ? live[id] : !live[id];
		live[id] = kind != 'f';
		s += len;
		while (*s && *s != '\n')
			s++;
		while (*s == '\n')
			s++;
	}
	EXPECT_EQ(seen, nops, "operations read back");
	EXPECT_EQ(bad, 0, "operations on a block in the wrong state");
}

static const struct ktap_case cases[] = {KTAP_CASE(t_ids_reused), KTAP_CASE(t_realloc),
					 KTAP_CASE(t_unseen), KTAP_CASE(t_many)};

int main(void)
{
	int fd = mkstemp(path);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	int failed = ktap_run_cases("malloc_record", cases, KTAP_NCASES(cases));
	remove(path);
	return failed;
}
