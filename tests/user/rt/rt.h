/*
 * rt.h - the runtime of the freestanding user test programs (no libc):
 * raw system calls, a few helpers, and the KTAP printer.
 *
 *  - the syscall instruction: __syscall0..__syscall6 from
 *    common/syscall/syscall.h, the libc's own (results are raw: an
 *    address, or -errno);
 *  - the system-call numbers, the memory system calls' constants and the
 *    error numbers from abi/interlude/ (Linux's x86-64 values), and thin
 *    wrappers of the memory system calls;
 *  - rt_on_interlude(): whether the kernel's uname says "Interlude", for
 *    the few checks where Interlude and Linux legitimately differ;
 *  - tests/include/ktap.h, the KTAP printer every user-side test program
 *    uses (EXPECT, EXPECT_EQ, ASSERT, SKIP...), so that the same binary is
 *    a self-checking test on Linux and on Interlude.
 * mk/user.mk rebuilds the programs when this header changes.
 */
#ifndef USER_RT_H
#define USER_RT_H

#include <stddef.h>
#include <stdint.h>

#include "interlude/errno.h"
#include "interlude/memlayout.h"
#include "interlude/mman.h"
#include "interlude/syscall.h"
#include "syscall/syscall.h"

static inline size_t rt_strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

static inline void rt_puts(const char *s)
{
	__syscall3(SYS_write, 1, s, rt_strlen(s));
}

/* Writes v in hexadecimal, for debugging test programs. */
static inline void rt_puthex(unsigned long v)
{
	char buf[19] = "0x";
	for (int i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
	buf[18] = '\n';
	__syscall3(SYS_write, 1, buf, 19);
}

/*
 * GCC may turn loops into calls to memset/memcpy even in freestanding
 * code; weak definitions keep -nostdlib links working.
 */
__attribute__((weak)) void *memset(void *d, int c, size_t n)
{
	volatile unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}
__attribute__((weak)) void *memcpy(void *d, const void *s, size_t n)
{
	volatile unsigned char *p = d;
	const unsigned char *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

/* Returns v, unknown to the compiler: a pointer made from it is really used. */
static inline long rt_launder(long v)
{
	__asm__ volatile("" : "+r"(v));
	return v;
}

/* --- the memory system calls ------------------------------------------------ */

/* Shorthands of the tests (the constants themselves are abi/interlude/mman.h's). */
#define PROT_RW (PROT_READ | PROT_WRITE)
#define MAP_ANON_PRIV (MAP_PRIVATE | MAP_ANONYMOUS)

/* The kernel's layout numbers (abi/interlude/memlayout.h), as longs. */
#define PAGE ((long)INTERLUDE_PAGE_SIZE)
#define TASK_SIZE ((long)INTERLUDE_TASK_SIZE) /* 4-level paging: the first address never mapped */

static inline long rt_mmap(long addr, long len, long prot, long flags, long fd, long off)
{
	return __syscall6(SYS_mmap, addr, len, prot, flags, fd, off);
}
/* An anonymous private mapping; returns the address or -errno. */
static inline long rt_anon(long addr, long len, long prot, long extra_flags)
{
	return rt_mmap(addr, len, prot, MAP_ANON_PRIV | extra_flags, -1, 0);
}
static inline long rt_munmap(long addr, long len)
{
	return __syscall2(SYS_munmap, addr, len);
}
static inline long rt_mprotect(long addr, long len, long prot)
{
	return __syscall3(SYS_mprotect, addr, len, prot);
}
static inline long rt_brk(long addr)
{
	return __syscall1(SYS_brk, addr);
}
static inline long rt_write(long fd, long buf, long n)
{
	return __syscall3(SYS_write, fd, buf, n);
}

/* Is the page at p mapped at all? madvise(MADV_NORMAL) says -ENOMEM if not. */
static inline int rt_mapped(long p)
{
	return __syscall3(SYS_madvise, p, PAGE, MADV_NORMAL) == 0;
}

/* The kernel may write [p, p + 390) here? uname() copies 390 bytes to p. */
static inline int rt_kernel_can_write(long p)
{
	return __syscall1(SYS_uname, p) == 0;
}

/* Fills [p, p + n) with byte c; reads every byte back as c? (volatile: real accesses). */
static inline void rt_fill(long p, long n, int c)
{
	for (long i = 0; i < n; i++)
		((volatile unsigned char *)p)[i] = (unsigned char)c;
}
static inline int rt_all(long p, long n, int c)
{
	for (long i = 0; i < n; i++)
		if (((volatile unsigned char *)p)[i] != (unsigned char)c)
			return 0;
	return 1;
}

/* 1 if uname's sysname is "Interlude", 0 otherwise (Linux). Cached. */
static inline int rt_on_interlude(void)
{
	static int cached = -1;
	if (cached < 0) {
		static char u[6 * 65];
		__syscall1(SYS_uname, u);
		const char *want = "Interlude";
		cached = 1;
		for (int i = 0; i < 10; i++)
			if (u[i] != want[i])
				cached = 0;
	}
	return cached;
}

/* --- KTAP: tests/include/ktap.h, without a libc ------------------------------ */

#define KTAP_FREESTANDING
#include "ktap.h"

#endif
