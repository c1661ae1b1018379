/* errno.c - the one errno (there are no threads). */
#include <errno.h>

int errno;
