/* abs.c - absolute values (of the most negative value: undefined, as C says). */
#include <stdlib.h>

/* |v| for int. */
int abs(int v)
{
	return v < 0 ? -v : v;
}

/* |v| for long. */
long labs(long v)
{
	return v < 0 ? -v : v;
}

/* |v| for long long. */
long long llabs(long long v)
{
	return v < 0 ? -v : v;
}
