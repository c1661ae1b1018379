/* sys/auxv.h - the auxiliary vector's types (Linux's values) and getauxval(). */
#ifndef _SYS_AUXV_H
#define _SYS_AUXV_H

#include <interlude/auxv.h>

unsigned long getauxval(unsigned long type);

#endif
