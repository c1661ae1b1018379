/*
 * ucontext.h - ucontext_t and mcontext_t (<sys/ucontext.h>). This libc
 * has no getcontext/setcontext/makecontext/swapcontext: the type is here
 * for signal handlers, which receive a ucontext_t.
 */
#ifndef _UCONTEXT_H
#define _UCONTEXT_H

#include <sys/ucontext.h>

#endif
