/*
 * assert.h - assert(e): if e is false, prints glibc's message,
 * "prog: file:line: func: Assertion `e' failed.", and aborts
 * (libc/stdlib/assert.c). NDEBUG turns it off; included again, the header
 * follows NDEBUG anew. Usable from C89 on: the function's name comes from
 * GCC's __PRETTY_FUNCTION__, which C89 compilers have as an extension.
 */
#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
__attribute__((__noreturn__)) void __assert_fail(const char *expr, const char *file, int line,
						 const char *func);
#define assert(e)                                                                                  \
	((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __extension__ __PRETTY_FUNCTION__))
#endif

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L && !defined(__cplusplus) &&           \
    !defined(static_assert)
#define static_assert _Static_assert
#endif
