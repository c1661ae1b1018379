/*
 * syscall/syscall.h - the syscall instruction, on Linux's x86-64 ABI (which
 * Interlude's kernel implements): the number in rax, the arguments in rdi,
 * rsi, rdx, r10, r8, r9, the result in rax, where -4095..-1 means -errno;
 * the CPU itself overwrites rcx (the return address) and r11 (the flags).
 *
 * One copy for every user-mode program of the tree: the libc
 * (libc/internal/syscall.h adds errno handling) and the freestanding test
 * programs (tests/user/rt/rt.h), which have no libc. The numbers are in
 * <interlude/syscall.h>.
 */
#ifndef COMMON_SYSCALL_SYSCALL_H
#define COMMON_SYSCALL_SYSCALL_H

/* Issues system call n with six arguments; returns rax as it came (-errno on failure). */
static inline long __syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;
	/* "memory": the kernel may read or write any buffer an argument points to */
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* Fewer arguments: the rest are zero (the kernel ignores them). Arguments
 * may be pointers or integers: each is converted to long. */
#define __syscall0(n) __syscall6(n, 0, 0, 0, 0, 0, 0)
#define __syscall1(n, a) __syscall6(n, (long)(a), 0, 0, 0, 0, 0)
#define __syscall2(n, a, b) __syscall6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define __syscall3(n, a, b, c) __syscall6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define __syscall4(n, a, b, c, d) __syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define __syscall5(n, a, b, c, d, e)                                                               \
	__syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* Is a raw result an error (-4095..-1)? */
#define __syscall_failed(r) ((unsigned long)(r) > -4096UL)

#endif
