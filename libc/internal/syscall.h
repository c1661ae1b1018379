/*
 * internal/syscall.h - raw system calls on Linux's x86-64 ABI: the number
 * in rax, arguments in rdi, rsi, rdx, r10, r8, r9, the result in rax
 * (-4095..-1 is -errno), rcx and r11 clobbered by the CPU.
 *
 * __syscallN() return the raw result; __syscall_ret() turns it into the
 * C convention (-1 with errno set).
 */
#ifndef LIBC_INTERNAL_SYSCALL_H
#define LIBC_INTERNAL_SYSCALL_H

/* Issues system call n with six arguments; returns rax as it came. */
static inline long __syscall6(long n, long a, long b, long c, long d, long e, long f)
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

#define __syscall0(n) __syscall6(n, 0, 0, 0, 0, 0, 0)
#define __syscall1(n, a) __syscall6(n, (long)(a), 0, 0, 0, 0, 0)
#define __syscall2(n, a, b) __syscall6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define __syscall3(n, a, b, c) __syscall6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define __syscall4(n, a, b, c, d) __syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

/* Is a raw result an error (-4095..-1)? */
#define __syscall_failed(r) ((unsigned long)(r) > -4096UL)

/* A raw result in the C convention: -errno becomes -1 with errno set. */
long __syscall_ret(long r);

#endif
