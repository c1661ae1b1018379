/*
 * linked_list.c - a singly linked list of words with malloc and free:
 * insert in sorted order, delete, reverse, and free it all at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
	char *word;
	struct node *next;
};

/* Returns the list with a copy of word inserted in alphabetical order,
 * or exits if memory runs out. */
static struct node *insert(struct node *head, const char *word)
{
	struct node *n = malloc(sizeof *n);
	if (!n || !(n->word = strdup(word))) {
		perror("malloc");
		exit(1);
	}
	struct node **p = &head;
	while (*p && strcmp((*p)->word, word) < 0)
		p = &(*p)->next;
	n->next = *p;
	*p = n;
	return head;
}

/* Returns the list without the first node holding word (freed). */
static struct node *delete (struct node *head, const char *word)
{
	for (struct node **p = &head; *p; p = &(*p)->next)
		if (strcmp((*p)->word, word) == 0) {
			struct node *dead = *p;
			*p = dead->next;
			free(dead->word);
			free(dead);
			break;
		}
	return head;
}

/* Returns the list reversed in place. */
static struct node *reverse(struct node *head)
{
	struct node *prev = NULL;
	while (head) {
		struct node *next = head->next;
		head->next = prev;
		prev = head;
		head = next;
	}
	return prev;
}

static void print(const char *title, const struct node *n)
{
	printf("%-9s", title);
	for (; n; n = n->next)
		printf(" %s", n->word);
	printf("\n");
}

int main(void)
{
	const char *words[] = {"pear", "apple", "fig", "kiwi", "banana", "cherry", "date", "lime"};
	struct node *list = NULL;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		list = insert(list, words[i]);
	print("sorted:", list);
	list = delete (list, "fig");
	list = delete (list, "apple");
	list = delete (list, "nothing");
	print("deleted:", list);
	list = reverse(list);
	print("reversed:", list);
	while (list)
		list = delete (list, list->word);
	print("empty:", list);
	return 0;
}
