/*
 * rt.h - raw Linux x86-64 system calls and a few helpers for the
 * freestanding user test programs (no libc yet).
 *
 * Besides the raw calls (sys0..sys6) and rt_puts/rt_puthex, it has:
 *  - the memory system calls' numbers and constants (Linux's x86-64
 *    values, ../shared/reference/linux-memory-syscalls.md section 0) and
 *    thin wrappers returning the raw result (an address, or -errno);
 *  - rt_on_interlude(): whether the kernel's uname says "Interlude", for
 *    the few checks where Interlude and Linux legitimately differ;
 *  - a tiny KTAP printer (see "KTAP" below) so that the same binary is a
 *    self-checking test on Linux and on Interlude.
 * Everything is in this one header because the Makefile rebuilds the
 * programs when it changes.
 */
#ifndef USER_RT_H
#define USER_RT_H

#include <stddef.h>
#include <stdint.h>

static inline long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}
#define sys0(n) sys6(n, 0, 0, 0, 0, 0, 0)
#define sys1(n, a) sys6(n, (long)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b) sys6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)

static inline size_t rt_strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

static inline void rt_puts(const char *s)
{
	sys3(1, 1, s, rt_strlen(s));
}

/* Writes v in hexadecimal, for debugging test programs. */
static inline void rt_puthex(unsigned long v)
{
	char buf[19] = "0x";
	for (int i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
	buf[18] = '\n';
	sys3(1, 1, buf, 19);
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

/* --- memory system calls (Linux x86-64 numbers and constants) ----------- */

#define SYS_read 0
#define SYS_write 1
#define SYS_mmap 9
#define SYS_mprotect 10
#define SYS_munmap 11
#define SYS_brk 12
#define SYS_writev 20
#define SYS_madvise 28
#define SYS_getpid 39
#define SYS_exit 60
#define SYS_uname 63
#define SYS_arch_prctl 158
#define SYS_geteuid 107
#define SYS_memfd_create 319
#define SYS_sbrk 1000 /* Interlude's own; -ENOSYS on Linux */

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define PROT_SEM 0x8
#define PROT_GROWSDOWN 0x01000000
#define PROT_GROWSUP 0x02000000
#define PROT_RW (PROT_READ | PROT_WRITE)

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_32BIT 0x40
#define MAP_GROWSDOWN 0x100
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_ANON_PRIV (MAP_PRIVATE | MAP_ANONYMOUS)

#define MADV_NORMAL 0

#define EPERM 1
#define EBADF 9
#define ENOMEM 12
#define EFAULT 14
#define EEXIST 17
#define EINVAL 22
#define ENOSYS 38

#define PAGE 4096L
#define TASK_SIZE 0x7ffffffff000L /* 4-level paging: the first address never mapped */

static inline long rt_mmap(long addr, long len, long prot, long flags, long fd, long off)
{
	return sys6(SYS_mmap, addr, len, prot, flags, fd, off);
}
/* An anonymous private mapping; returns the address or -errno. */
static inline long rt_anon(long addr, long len, long prot, long extra_flags)
{
	return rt_mmap(addr, len, prot, MAP_ANON_PRIV | extra_flags, -1, 0);
}
static inline long rt_munmap(long addr, long len)
{
	return sys2(SYS_munmap, addr, len);
}
static inline long rt_mprotect(long addr, long len, long prot)
{
	return sys3(SYS_mprotect, addr, len, prot);
}
static inline long rt_brk(long addr)
{
	return sys1(SYS_brk, addr);
}
static inline long rt_write(long fd, long buf, long n)
{
	return sys3(SYS_write, fd, buf, n);
}

/* Is the page at p mapped at all? madvise(MADV_NORMAL) says -ENOMEM if not. */
static inline int rt_mapped(long p)
{
	return sys3(SYS_madvise, p, PAGE, MADV_NORMAL) == 0;
}

/* The kernel may write [p, p + 390) here? uname() copies 390 bytes to p. */
static inline int rt_kernel_can_write(long p)
{
	return sys1(SYS_uname, p) == 0;
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
		sys1(SYS_uname, u);
		const char *want = "Interlude";
		cached = 1;
		for (int i = 0; i < 10; i++)
			if (u[i] != want[i])
				cached = 0;
	}
	return cached;
}

/*
 * --- KTAP ---------------------------------------------------------------
 *
 * KTAP v1 wants the plan first, so a program states its number of checks
 * up front:
 *
 *	int main(void)
 *	{
 *		ktap_begin(3);                        // "KTAP version 1", "1..3"
 *		CHECK(p != 0, "mmap returns an address");
 *		CHECK_EQ(rt_munmap(p, 1), 0, "munmap of one byte");  // shows both values
 *		SKIP("sbrk", "not Interlude");        // "ok 3 sbrk # SKIP not Interlude"
 *		return ktap_end();                    // number of failures, 0 = pass
 *	}
 *
 * A result line is "ok N name" or "not ok N name # detail"; names must not
 * contain '#'. ktap_end() also fails if the count does not match the plan
 * (it prints "not ok" lines for checks that never ran, so the stream
 * stays well formed). Values are shown in hex, or in decimal when they
 * look like -errno.
 */

struct rt_line {
	char b[320];
	int n;
};

static inline void rt_line_str(struct rt_line *l, const char *s)
{
	while (*s && l->n < (int)sizeof l->b - 2)
		l->b[l->n++] = *s++;
}

static inline void rt_line_dec(struct rt_line *l, long v)
{
	char t[24];
	int i = 0;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	do
		t[i++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		t[i++] = '-';
	while (i > 0 && l->n < (int)sizeof l->b - 2)
		l->b[l->n++] = t[--i];
}

static inline void rt_line_hex(struct rt_line *l, unsigned long v)
{
	rt_line_str(l, "0x");
	int started = 0;
	for (int i = 0; i < 16; i++) {
		int d = (int)((v >> (60 - 4 * i)) & 15);
		if (d || started || i == 15) {
			started = 1;
			char s[2] = {"0123456789abcdef"[d], 0};
			rt_line_str(l, s);
		}
	}
}

/* -errno values in decimal, everything else (addresses) in hex. */
static inline void rt_line_val(struct rt_line *l, long v)
{
	if (v >= -4095 && v < 4096)
		rt_line_dec(l, v);
	else
		rt_line_hex(l, (unsigned long)v);
}

static inline void rt_line_end(struct rt_line *l)
{
	l->b[l->n++] = '\n';
	sys3(SYS_write, 1, l->b, l->n);
	l->n = 0;
}

static int ktap_plan, ktap_count, ktap_failed;

static inline void ktap_begin(int plan)
{
	struct rt_line l = {.n = 0};
	ktap_plan = plan;
	rt_line_str(&l, "KTAP version 1\n1..");
	rt_line_dec(&l, plan);
	rt_line_end(&l);
}

/* Prints a result; detail (may be NULL) follows a '#'. Returns ok. */
static inline int ktap_result(int ok, const char *name, const char *directive, struct rt_line *detail)
{
	struct rt_line l = {.n = 0};
	ktap_count++;
	if (!ok)
		ktap_failed++;
	rt_line_str(&l, ok ? "ok " : "not ok ");
	rt_line_dec(&l, ktap_count);
	rt_line_str(&l, " ");
	rt_line_str(&l, name);
	if (directive || detail) {
		rt_line_str(&l, " # ");
		if (directive)
			rt_line_str(&l, directive);
		if (detail) {
			detail->b[detail->n] = 0;
			rt_line_str(&l, detail->b);
		}
	}
	rt_line_end(&l);
	return ok;
}

static inline int ktap_check(int ok, const char *name)
{
	return ktap_result(ok, name, NULL, NULL);
}

static inline int ktap_check_eq(long got, long want, const char *name)
{
	struct rt_line d = {.n = 0};
	rt_line_str(&d, "got ");
	rt_line_val(&d, got);
	rt_line_str(&d, ", expected ");
	rt_line_val(&d, want);
	return ktap_result(got == want, name, NULL, got == want ? NULL : &d);
}

static inline void ktap_skip(const char *name, const char *reason)
{
	struct rt_line d = {.n = 0};
	rt_line_str(&d, reason);
	ktap_result(1, name, "SKIP ", &d);
}

/* A diagnostic line "# text value" (value shown like a check's values). */
static inline void ktap_diag(const char *text, long value)
{
	struct rt_line l = {.n = 0};
	rt_line_str(&l, "# ");
	rt_line_str(&l, text);
	rt_line_str(&l, " ");
	rt_line_val(&l, value);
	rt_line_end(&l);
}

static inline int ktap_end(void)
{
	int missing = ktap_plan - ktap_count;
	while (ktap_count < ktap_plan) {
		struct rt_line d = {.n = 0};
		rt_line_str(&d, "the program ended before this check");
		ktap_result(0, "(missing)", NULL, &d);
	}
	if (missing < 0) {
		ktap_diag("more checks than the plan said: extra", -missing);
		ktap_failed++;
	}
	return ktap_failed;
}

#define CHECK(cond, name) ktap_check(!!(cond), name)
#define CHECK_EQ(got, want, name) ktap_check_eq((long)(got), (long)(want), name)
#define SKIP(name, reason) ktap_skip(name, reason)

#endif
