/*
 * mem_probe.h - what the memory-call test programs (syscall_fuzz.c,
 * mm_probes.c) share: raw system calls, touching memory that may not be
 * there, and printing without stdio.
 *
 * Not an ordinary header: it defines the probes (top-level asm) and
 * static functions, so each program includes it once.
 *
 * probe_read and probe_write each have one instruction that may fault;
 * the SIGSEGV handler probe_install sets up recognises it by REG_RIP and
 * resumes after it with rax = -1, so a fault costs no process and works
 * the same on Linux and on Interlude. Any other fault prints where it
 * happened (and probe_step, the caller's progress) and kills the program.
 */
#ifndef TESTS_LIBC_MEM_PROBE_H
#define TESTS_LIBC_MEM_PROBE_H

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

/* Returns the raw result of system call n: the exact arguments reach the kernel, -errno comes back.
 */
static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d, r8 __asm__("r8") = e, r9 __asm__("r9") = f;
	long ret;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* long probe_read(const char *p): the byte at p, or -1 if reading faulted.
 * long probe_write(char *p, char v): 0, or -1 if writing faulted. */
__asm__(".text\n"
	"probe_read:\n"
	"	movq $-1, %rax\n"
	"probe_read_at:\n"
	"	movzbq (%rdi), %rax\n"
	"probe_read_done:\n"
	"	ret\n"
	"probe_write:\n"
	"	movq $-1, %rax\n"
	"probe_write_at:\n"
	"	movb %sil, (%rdi)\n"
	"	xorl %eax, %eax\n"
	"probe_write_done:\n"
	"	ret\n");
long probe_read(const volatile char *p);
long probe_write(volatile char *p, char v);
extern const char probe_read_at[], probe_read_done[], probe_write_at[], probe_write_done[];

static long probe_step;	  /* the program's progress, named if it crashes */
static int probe_si_code; /* SEGV_MAPERR or SEGV_ACCERR of the last probe fault */

/* Resumes a faulting probe after its instruction (rax keeps -1); anything else dies. */
static void probe_on_segv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *rip = &uc->uc_mcontext.gregs[REG_RIP];
	probe_si_code = si->si_code;
	if (*rip == (greg_t)probe_read_at) {
		*rip = (greg_t)probe_read_done;
	} else if (*rip == (greg_t)probe_write_at) {
		*rip = (greg_t)probe_write_done;
	} else {
		/* A real crash of the program: say where, then die of it. */
		char msg[96];
		int n = snprintf(msg, sizeof msg, "\ncrashed at step %ld: rip %#llx, address %p\n",
				 probe_step, (unsigned long long)*rip, si->si_addr);
		sys6(1, 1, (long)msg, n, 0, 0, 0);
		signal(sig, SIG_DFL);
	}
}

/* Installs the handler for SIGSEGV (and SIGBUS). */
static void probe_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = probe_on_segv;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

/*
 * Prints straight to fd 1 with write(2), never through stdio: the libc's
 * stdout buffer would come from malloc, that is from the heap these
 * programs move and scribble on.
 */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof buf - 1)
		n = sizeof buf - 1;
	for (int done = 0; done < n;) {
		long w = sys6(1, 1, (long)(buf + done), n - done, 0, 0, 0);
		if (w <= 0)
			break;
		done += (int)w;
	}
}

#endif
