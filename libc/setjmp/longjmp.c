/*
 * longjmp.c - the signal-mask half of sigsetjmp and the jumps back
 * (longjmp, _longjmp, siglongjmp); the registers are setjmp.S's.
 */
#include <setjmp.h>
#include <signal.h>

/* Defined in setjmp.S: puts the registers back; setjmp returns val (1 if 0). */
__attribute__((__noreturn__)) void __longjmp(const long *regs, int val)
    __attribute__((visibility("hidden")));

/*
 * The end of sigsetjmp (setjmp.S jumps here with the registers saved):
 * with savemask, reads the blocked signals into env. Returns 0, setjmp's
 * "first time". If the mask cannot be read (it always can on Linux and
 * Interlude), nothing is restored later rather than a wrong mask.
 */
int __sigjmp_save(struct __jmp_buf_tag *env, int savemask)
{
	env->__mask_was_saved = savemask && sigprocmask(SIG_BLOCK, NULL, &env->__saved_mask) == 0;
	return 0;
}

/*
 * Jumps back to where sigsetjmp/setjmp saved env, which returns val (1 if
 * val is 0). If sigsetjmp saved the signal mask, it is restored first, so
 * that a jump out of a signal handler unblocks the signal again.
 */
void siglongjmp(sigjmp_buf env, int val)
{
	if (env->__mask_was_saved)
		sigprocmask(SIG_SETMASK, &env->__saved_mask, NULL);
	__longjmp(env->__jmpbuf, val);
}

/* longjmp and _longjmp are siglongjmp, as in glibc (the mask is only restored if it was saved). */
void longjmp(jmp_buf env, int val) __attribute__((alias("siglongjmp")));
void _longjmp(jmp_buf env, int val) __attribute__((alias("siglongjmp")));
