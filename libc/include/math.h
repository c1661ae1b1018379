/*
 * math.h - the mathematical functions (libc/math/, docs/MATH.md): each is
 * within 1 ulp of the exact result, errors are reported in errno
 * (math_errhandling is MATH_ERRNO: EDOM for an argument outside the
 * domain, ERANGE for overflow, underflow to 0, and poles), and the
 * classification macros are the compiler's built-ins. Usable from C89 on
 * (no inline functions, no C99-only syntax). Link with -lm or not: the
 * functions are in libc.a (libm.a is empty, for the makefiles that name it).
 */
#ifndef _MATH_H
#define _MATH_H

typedef float float_t; /* FLT_EVAL_METHOD is 0 on x86-64: no wider evaluation */
typedef double double_t;

#define HUGE_VAL (__builtin_huge_val())
#define HUGE_VALF (__builtin_huge_valf())
#define HUGE_VALL (__builtin_huge_vall())
#define INFINITY (__builtin_inff())
#define NAN (__builtin_nanf(""))

#define MATH_ERRNO 1
#define MATH_ERREXCEPT 2
#define math_errhandling MATH_ERRNO

/* fpclassify's values: glibc's. */
#define FP_NAN 0
#define FP_INFINITE 1
#define FP_ZERO 2
#define FP_SUBNORMAL 3
#define FP_NORMAL 4

#define fpclassify(x) __builtin_fpclassify(FP_NAN, FP_INFINITE, FP_NORMAL, FP_SUBNORMAL, FP_ZERO, x)
#define isnan(x) __builtin_isnan(x)
#define isinf(x) __builtin_isinf_sign(x)
#define isfinite(x) __builtin_isfinite(x)
#define isnormal(x) __builtin_isnormal(x)
#define signbit(x) __builtin_signbit(x)
#define isgreater(x, y) __builtin_isgreater(x, y)
#define isgreaterequal(x, y) __builtin_isgreaterequal(x, y)
#define isless(x, y) __builtin_isless(x, y)
#define islessequal(x, y) __builtin_islessequal(x, y)
#define islessgreater(x, y) __builtin_islessgreater(x, y)
#define isunordered(x, y) __builtin_isunordered(x, y)

/* Constants (X/Open and glibc), to double precision and beyond. */
#define M_E 2.7182818284590452354
#define M_LOG2E 1.4426950408889634074
#define M_LOG10E 0.43429448190325182765
#define M_LN2 0.69314718055994530942
#define M_LN10 2.30258509299404568402
#define M_PI 3.14159265358979323846
#define M_PI_2 1.57079632679489661923
#define M_PI_4 0.78539816339744830962
#define M_1_PI 0.31830988618379067154
#define M_2_PI 0.63661977236758134308
#define M_2_SQRTPI 1.12837916709551257390
#define M_SQRT2 1.41421356237309504880
#define M_SQRT1_2 0.70710678118654752440

/* Powers, roots, exponentials and logarithms (sqrt.c, exp.c, log.c, pow.c, hypot.c). */
double sqrt(double x);
float sqrtf(float x);
double cbrt(double x);
float cbrtf(float x);
double hypot(double x, double y);
float hypotf(float x, float y);
double pow(double x, double y);
float powf(float x, float y);
double exp(double x);
float expf(float x);
double exp2(double x);
float exp2f(float x);
double expm1(double x);
float expm1f(float x);
double log(double x);
float logf(float x);
double log2(double x);
float log2f(float x);
double log10(double x);
float log10f(float x);
double log1p(double x);
float log1pf(float x);

/* Trigonometric and hyperbolic functions (trig.c, atan.c, hyperbolic.c, inverse_hyperbolic.c). */
double sin(double x);
float sinf(float x);
double cos(double x);
float cosf(float x);
double tan(double x);
float tanf(float x);
void sincos(double x, double *s, double *c);
void sincosf(float x, float *s, float *c);
double asin(double x);
float asinf(float x);
double acos(double x);
float acosf(float x);
double atan(double x);
float atanf(float x);
double atan2(double y, double x);
float atan2f(float y, float x);
double sinh(double x);
float sinhf(float x);
double cosh(double x);
float coshf(float x);
double tanh(double x);
float tanhf(float x);
double asinh(double x);
float asinhf(float x);
double acosh(double x);
float acoshf(float x);
double atanh(double x);
float atanhf(float x);

/* Rounding, remainders and the representation (round.c, fmod.c, bits.c). */
double trunc(double x);
float truncf(float x);
double floor(double x);
float floorf(float x);
double ceil(double x);
float ceilf(float x);
double round(double x);
float roundf(float x);
long lround(double x);
__extension__ long long llround(double x);
double rint(double x);
float rintf(float x);
double nearbyint(double x);
long lrint(double x);
__extension__ long long llrint(double x);
double fmod(double x, double y);
float fmodf(float x, float y);
double remainder(double x, double y);
double remquo(double x, double y, int *quo);
double fabs(double x);
float fabsf(float x);
double copysign(double x, double y);
float copysignf(float x, float y);
double fmin(double x, double y);
float fminf(float x, float y);
double fmax(double x, double y);
float fmaxf(float x, float y);
double fdim(double x, double y);
double frexp(double x, int *e);
float frexpf(float x, int *e);
double ldexp(double x, int n);
float ldexpf(float x, int n);
double scalbn(double x, int n);
float scalbnf(float x, int n);
double modf(double x, double *ip);
float modff(float x, float *ip);
double nan(const char *tag);
float nanf(const char *tag);
double nextafter(double x, double y);
float nextafterf(float x, float y);
int ilogb(double x);
double logb(double x);
#define FP_ILOGB0 (-2147483647 - 1)
#define FP_ILOGBNAN (-2147483647 - 1)

#endif
