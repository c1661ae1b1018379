/* sigaltstack.c - sigaltstack(2): stack_t is the same for the kernel and the program. */
#include <signal.h>
#include <sys/syscall.h>
#include "internal/malloc_contract.h"
#include "internal/syscall.h"

/* Sets and/or reads the alternate signal stack: 0, or -1 with errno. */
int sigaltstack(const stack_t *ss, stack_t *old)
{
	if (old)
		__malloc_prepare_write(old, sizeof *old, "sigaltstack");
	return (int)__syscall_ret(__syscall2(SYS_sigaltstack, ss, old));
}
