/*
 * stack_queue.c - a stack on an array and a queue on a circular buffer,
 * used to check balanced brackets and to print a line's words in order and
 * reversed; one line of standard input per test.
 */
#include <stdio.h>
#include <string.h>

#define CAPACITY 64

struct stack {
	char items[CAPACITY];
	int top;
};

struct queue {
	const char *items[CAPACITY];
	int head, count;
};

/* Each returns 0 on success, -1 when the stack is full or empty. */
static int push(struct stack *s, char c)
{
	if (s->top == CAPACITY)
		return -1;
	s->items[s->top++] = c;
	return 0;
}

static int pop(struct stack *s, char *c)
{
	if (s->top == 0)
		return -1;
	*c = s->items[--s->top];
	return 0;
}

/* Each returns 0 on success, -1 when the queue is full or empty. */
static int enqueue(struct queue *q, const char *word)
{
	if (q->count == CAPACITY)
		return -1;
	q->items[(q->head + q->count++) % CAPACITY] = word;
	return 0;
}

static int dequeue(struct queue *q, const char **word)
{
	if (q->count == 0)
		return -1;
	*word = q->items[q->head];
	q->head = (q->head + 1) % CAPACITY;
	q->count--;
	return 0;
}

/* Returns the column of the first unbalanced bracket, or -1 if balanced. */
static int unbalanced(const char *s)
{
	struct stack st = {.top = 0};
	for (int i = 0; s[i]; i++) {
		const char *open = "([{", *close = ")]}";
		char c;
		if (strchr(open, s[i])) {
			if (push(&st, s[i]) < 0)
				return i;
		} else if (strchr(close, s[i])) {
			if (pop(&st, &c) < 0 ||
			    strchr(open, c) - open != strchr(close, s[i]) - close)
				return i;
		}
	}
	return st.top ? (int)strlen(s) : -1;
}

int main(void)
{
	char line[256];
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\n")] = '\0';
		int col = unbalanced(line);
		if (col < 0)
			printf("balanced:   %s\n", line);
		else
			printf("unbalanced: %s (column %d)\n", line, col);
		struct queue q = {.head = 0, .count = 0};
		struct stack rev = {.top = 0};
		for (char *w = strtok(line, " "); w; w = strtok(NULL, " "))
			enqueue(&q, w);
		const char *w;
		printf("  words:");
		while (dequeue(&q, &w) == 0) {
			printf(" <%s>", w);
			push(&rev, w[0]);
		}
		char c;
		printf("\n  first letters reversed: ");
		while (pop(&rev, &c) == 0)
			putchar(c);
		putchar('\n');
	}
	return 0;
}
