/* getauxval.c - look up the auxiliary vector the kernel passed (AT_PAGESZ...). */
#include <errno.h>
#include <sys/auxv.h>

extern unsigned long *__auxv;

/* The value of entry type, or 0 with errno ENOENT if the kernel did not pass it. */
unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = __auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	errno = ENOENT;
	return 0;
}
