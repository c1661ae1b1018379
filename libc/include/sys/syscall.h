/*
 * sys/syscall.h - system call numbers: Linux's x86-64 numbers, plus
 * Interlude's own sbrk (1000, which Linux does not have: -ENOSYS there).
 * Use them with syscall() from <unistd.h>.
 */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#include <interlude/syscall.h>

/* glibc also spells them __NR_*. */
#define __NR_read SYS_read
#define __NR_write SYS_write
#define __NR_mmap SYS_mmap
#define __NR_mprotect SYS_mprotect
#define __NR_munmap SYS_munmap
#define __NR_brk SYS_brk
#define __NR_madvise SYS_madvise
#define __NR_getpid SYS_getpid
#define __NR_exit SYS_exit
#define __NR_kill SYS_kill
#define __NR_exit_group SYS_exit_group
#define __NR_sbrk SYS_sbrk

#endif
