/* invalid_free_stack.c - free of a local variable's address. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	int local[4] = {0};
	fprintf(stderr, "freeing a local array\n");
	free(local);
	return local[0];
}
//! freeing a local array
//! HEAP ERROR [invalid-free]: ??: a pointer to the stack (a local variable), not to a block ??
//! ???
//= status 134
