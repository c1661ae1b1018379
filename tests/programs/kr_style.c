/*
 * kr_style.c - a program in the style of the first edition of K&R, built
 * with -std=gnu89: old-style function definitions, implicit int results,
 * declarations at the top of blocks only; it reads standard input and
 * prints a histogram of word lengths.
 * cflags: -std=gnu89 -Wno-implicit-int -Wno-return-type
 */
#include <stdio.h>

#define IN 1
#define OUT 0
#define MAXLEN 12

int lengths[MAXLEN + 1];

/* clang-format does not know old-style definitions: it is off for them. */
/* clang-format off */
/* Returns the larger of a and b: an old-style definition. */
max(a, b)
int a, b;
{
	return a > b ? a : b;
}

/* Prints n copies of the character c. */
void bar(c, n)
char c;
int n;
{
	while (n-- > 0)
		putchar(c);
}

/* clang-format on */

main()
{
	int c, state, len, i, most;

	state = OUT;
	len = 0;
	while ((c = getchar()) != EOF) {
		if (c == ' ' || c == '\n' || c == '\t' || c == ',' || c == '.') {
			if (state == IN)
				++lengths[len > MAXLEN ? MAXLEN : len];
			state = OUT;
			len = 0;
		} else {
			state = IN;
			++len;
		}
	}
	most = 0;
	for (i = 1; i <= MAXLEN; ++i)
		most = max(most, lengths[i]);
	for (i = 1; i <= MAXLEN; ++i) {
		printf("%2d%s %3d ", i, i == MAXLEN ? "+" : " ", lengths[i]);
		bar('*', lengths[i] * 40 / (most ? most : 1));
		putchar('\n');
	}
	return 0;
}
