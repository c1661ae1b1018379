/*
 * setjmp.h (kernel) - non-local jumps, used by the self-test runner to get
 * back from a failed assertion, a panic or an expected fault.
 */
#ifndef LIB_SETJMP_H
#define LIB_SETJMP_H

#include <stdint.h>

/* rbx, rbp, r12, r13, r14, r15, rsp, rip */
typedef uint64_t kjmp_buf[8];

/* Returns 0 when called; returns val (never 0) when klongjmp comes back. */
int ksetjmp(kjmp_buf env) __attribute__((returns_twice));
__attribute__((noreturn)) void klongjmp(kjmp_buf env, int val);

#endif
