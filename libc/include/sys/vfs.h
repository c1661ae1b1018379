/* sys/vfs.h - the old name of <sys/statfs.h>, which programs still include. */
#ifndef _SYS_VFS_H
#define _SYS_VFS_H

#include <sys/statfs.h>

#endif
