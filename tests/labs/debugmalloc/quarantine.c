/* quarantine.c - a freed block's memory is not handed out again at once:
 * it waits in the quarantine, so that a stale pointer cannot reach the
 * next block (and the checker can still name its writes). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	int reused = 0;
	for (int i = 0; i < 100; i++) {
		char *p = malloc(64);
		free(p);
		char *q = malloc(64);
		reused += p == q;
		free(q);
	}
	fprintf(stderr, "reused %d times of 100\n", reused);
	return 0;
}
//! reused 0 times of 100
//= status 0
