/*
 * word_freq.c - counts the words of standard input in a hash table with
 * chaining, then prints the most frequent ones (sorted by count, then
 * alphabetically) and the table's statistics.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 64

struct entry {
	char *word;
	int count;
	struct entry *next;
};

static struct entry *table[BUCKETS];

/* Returns the FNV-1a hash of s: cheap and spreads short words well. */
static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Adds one to word's count, creating its entry; returns the entry. */
static struct entry *count(const char *word)
{
	unsigned b = hash(word) % BUCKETS;
	struct entry *e;
	for (e = table[b]; e; e = e->next)
		if (strcmp(e->word, word) == 0)
			break;
	if (!e) {
		e = malloc(sizeof *e);
		e->word = strdup(word);
		e->count = 0;
		e->next = table[b];
		table[b] = e;
	}
	e->count++;
	return e;
}

/* Returns the order of two entries: higher count first, then by word. */
static int by_count(const void *a, const void *b)
{
	const struct entry *x = *(struct entry *const *)a, *y = *(struct entry *const *)b;
	if (x->count != y->count)
		return y->count - x->count;
	return strcmp(x->word, y->word);
}

int main(void)
{
	char word[64];
	int len = 0, c, words = 0, distinct = 0;
	do {
		c = getchar();
		if (isalpha(c) || c == '\'') {
			if (len < (int)sizeof word - 1)
				word[len++] = (char)tolower(c);
		} else if (len > 0) {
			word[len] = '\0';
			if (count(word)->count == 1)
				distinct++;
			words++;
			len = 0;
		}
	} while (c != EOF);
	struct entry **all = malloc(distinct * sizeof *all);
	int n = 0, longest = 0, used = 0;
	for (int b = 0; b < BUCKETS; b++) {
		int chain = 0;
		for (struct entry *e = table[b]; e; e = e->next, chain++)
			all[n++] = e;
		if (chain > longest)
			longest = chain;
		used += chain > 0;
	}
	qsort(all, n, sizeof *all, by_count);
	for (int i = 0; i < n && i < 12; i++)
		printf("%4d %s\n", all[i]->count, all[i]->word);
	printf("%d words, %d distinct, %d of %d buckets used, longest chain %d\n", words, distinct,
	       used, BUCKETS, longest);
	for (int i = 0; i < n; i++) {
		free(all[i]->word);
		free(all[i]);
	}
	free(all);
	return 0;
}
