/*
 * signal_death.c - faults that kill although the program has a handler,
 * with the status a shell shows (139, SIGSEGV), the same on Linux and on
 * Interlude. Each run does one case, named by the argument (make test
 * runs them all, comparing output and status with Linux):
 *
 *   reset       the handler resets SIGSEGV to SIG_DFL and returns: the
 *               instruction faults again, and that kills
 *   nested      the handler itself faults while SIGSEGV is blocked (as it
 *               is inside its own handler): killed, not hung
 *   ignored     SIGSEGV is ignored: a fault cannot be, it kills
 *   blocked     SIGSEGV is blocked with sigprocmask: it kills at once,
 *               without calling the handler
 *   badstack    the stack pointer is unusable, so the signal frame
 *               cannot be written: killed without the handler
 *   norestorer  the action has no SA_RESTORER, which x86-64 requires
 *
 * Lines are written with write(), so they are out before the death (the
 * stdio buffer would die with the process). Without an argument it lists
 * the cases and exits 0.
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void say(const char *s)
{
	if (write(1, s, strlen(s)) < 0)
		_exit(2);
}

static volatile int *volatile null_pointer;

static void give_up(int sig)
{
	(void)sig;
	say("handler: resets SIGSEGV to SIG_DFL and returns\n");
	signal(SIGSEGV, SIG_DFL);
}

static void fault_again(int sig)
{
	(void)sig;
	say("handler: faults itself\n");
	(void)*null_pointer;
	say("handler: survived its own fault (wrong)\n");
}

static void never(int sig)
{
	(void)sig;
	say("handler: called (wrong)\n");
}

/* Reads NULL with rsp pointing at unmapped memory, then would come back. */
static void fault_without_stack(void)
{
	long zero = 0;
	__asm__ volatile("movq %%rsp, %%rbx\n\t"
			 "movq $0x1000, %%rsp\n\t" /* below mmap_min_addr: never mapped */
			 "movq (%%rax), %%rax\n\t"
			 "movq %%rbx, %%rsp"
			 : "+a"(zero)
			 :
			 : "rbx", "memory");
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";
	if (!strcmp(c, "reset")) {
		signal(SIGSEGV, give_up);
	} else if (!strcmp(c, "nested")) {
		signal(SIGSEGV, fault_again);
	} else if (!strcmp(c, "ignored")) {
		signal(SIGSEGV, SIG_IGN);
	} else if (!strcmp(c, "blocked")) {
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, SIGSEGV);
		signal(SIGSEGV, never);
		sigprocmask(SIG_BLOCK, &set, NULL);
	} else if (!strcmp(c, "badstack")) {
		signal(SIGSEGV, never);
		say("signal_death: badstack: reading NULL with rsp = 0x1000\n");
		fault_without_stack();
		say("signal_death: came back (wrong)\n");
		return 1;
	} else if (!strcmp(c, "norestorer")) {
		/* rt_sigaction itself, bypassing sigaction(), which adds SA_RESTORER. */
		unsigned long act[4] = {(unsigned long)never, 0, 0, 0};
		syscall(SYS_rt_sigaction, SIGSEGV, act, NULL, 8);
	} else {
		say("usage: signal_death reset|nested|ignored|blocked|badstack|norestorer\n");
		return 0;
	}
	say("signal_death: ");
	say(c);
	say(": reading NULL\n");
	(void)*null_pointer;
	say("signal_death: the program went on (wrong)\n");
	return 1;
}
