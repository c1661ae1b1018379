/*
 * hsearch.c - POSIX's one hash table: hcreate, hsearch, hdestroy. Open
 * addressing: an entry lives in the first free slot from its key's hash
 * on, so a lookup walks from there to the key or to a free slot. The
 * table has as many slots as glibc's, the smallest odd prime at least
 * nel (at least 3), and like glibc's it takes entries until every slot is
 * used, so a program fills it after as many ENTERs on either library.
 */
#include <errno.h>
#include <search.h>
#include <stdlib.h>
#include <string.h>

static ENTRY *table;
static size_t slots, used;

/* True if n (odd, at least 3) is prime. */
static int is_prime(size_t n)
{
	for (size_t d = 3; d * d <= n; d += 2)
		if (n % d == 0)
			return 0;
	return 1;
}

/* FNV-1a of the key's bytes. */
static size_t hash(const char *key)
{
	size_t h = 14695981039346656037u;
	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 1099511628211u;
	return h;
}

int hcreate(size_t nel)
{
	if (table) /* one table at a time, as in glibc */
		return 0;
	size_t n = nel < 3 ? 3 : nel | 1;
	while (!is_prime(n))
		n += 2;
	table = calloc(n, sizeof *table);
	if (!table)
		return 0;
	slots = n;
	used = 0;
	return 1;
}

ENTRY *hsearch(ENTRY item, ACTION action)
{
	if (!table) {
		errno = ESRCH;
		return NULL;
	}
	size_t i = hash(item.key) % slots;
	for (size_t probes = 0; probes < slots; probes++, i = i + 1 == slots ? 0 : i + 1) {
		if (!table[i].key)
			break;
		if (strcmp(table[i].key, item.key) == 0)
			return &table[i];
	}
	if (action == FIND) {
		errno = ESRCH;
		return NULL;
	}
	if (used == slots) {
		errno = ENOMEM;
		return NULL;
	}
	while (table[i].key) /* the free slot the walk stopped at */
		i = i + 1 == slots ? 0 : i + 1;
	table[i] = item;
	used++;
	return &table[i];
}

void hdestroy(void)
{
	free(table);
	table = NULL;
	slots = used = 0;
}
