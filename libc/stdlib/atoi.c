/* atoi.c - atoi, atol, atoll: strtol without error reporting. */
#include <stdlib.h>

/* strtol(s, NULL, 10) as an int (out of range: whatever the cast gives). */
int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

/* strtol(s, NULL, 10). */
long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

/* strtoll(s, NULL, 10). */
long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
