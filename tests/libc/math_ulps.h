/*
 * math_ulps.h - the measuring half of math_glibc_test.c: a random number
 * generator, distances in ulps, and the tallies of the largest distance
 * to the reference and to glibc's function of the same type, with their
 * errno checks and the report. It is part of that one test program and
 * is included by it after its declarations of glibc's functions
 * (glibc_errno_location), which it uses; nothing else includes it.
 */
#ifndef TESTS_LIBC_MATH_ULPS_H
#define TESTS_LIBC_MATH_ULPS_H

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

/* The next 64 random bits (xorshift64*). */
static uint64_t next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static double from_bits(uint64_t u)
{
	double d;
	memcpy(&d, &u, 8);
	return d;
}

static uint64_t to_bits(double d)
{
	uint64_t u;
	memcpy(&u, &d, 8);
	return u;
}

/* A double's place in the ordered line of doubles (-0 and +0 both 0). */
static int64_t order(double d)
{
	uint64_t u = to_bits(d);
	return (u >> 63) ? -(int64_t)(u & ~(1ULL << 63)) : (int64_t)u;
}

/* How many doubles apart a and b are; 0 if both are NaN, huge if only one is. */
static uint64_t ulps(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b) ? 0 : UINT64_MAX;
	if (a == 0 && b == 0 && signbit(a) != signbit(b))
		return UINT64_MAX; /* -0 and +0 are different answers */
	int64_t d = order(a) - order(b);
	return d < 0 ? (uint64_t)-d : (uint64_t)d;
}

/* The same for floats. */
static uint64_t ulpsf(float a, float b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b) ? 0 : UINT64_MAX;
	if (a == 0 && b == 0 && signbit(a) != signbit(b))
		return UINT64_MAX;
	uint32_t ua, ub;
	memcpy(&ua, &a, 4);
	memcpy(&ub, &b, 4);
	int64_t oa = (ua >> 31) ? -(int64_t)(ua & 0x7fffffff) : ua;
	int64_t ob = (ub >> 31) ? -(int64_t)(ub & 0x7fffffff) : ub;
	return oa > ob ? (uint64_t)(oa - ob) : (uint64_t)(ob - oa);
}

/* One function's comparison so far. */
struct tally {
	const char *name;
	long inputs, off; /* off: results not bit-identical to glibc's function of the same type */
	uint64_t worst,
	    worst_glibc;   /* the largest distances seen, to the reference and to glibc's */
	long double error; /* the largest error in ulps against the long double reference */
	int bad_errno, bad, reported;
};

/* Whether glibc's result r is a subnormal (where the errnos may differ). */
static int subnormal(double r, int is_float)
{
	return r != 0 && __builtin_fabs(r) < (is_float ? 0x1p-126 : 0x1p-1022);
}

/*
 * Records one comparison: d is the distance to the reference, dg to
 * glibc's result of the same type; prints the first few failures.
 */
static void record(struct tally *t, uint64_t d, uint64_t dg, int e_ours, int e_glibc, double x,
		   double y, double ours, double theirs, int is_float)
{
	t->inputs++;
	if (dg > 0)
		t->off++;
	if (d > t->worst && d != UINT64_MAX)
		t->worst = d;
	if (dg > t->worst_glibc && dg != UINT64_MAX)
		t->worst_glibc = dg;
	int errno_differs = e_ours != e_glibc && !subnormal(theirs, is_float);
	int fail = d > 1 || errno_differs;
	if (errno_differs)
		t->bad_errno++;
	if (fail) {
		t->bad++;
		if (t->reported++ < 5)
			ktap_diag("%s(%016llx, %016llx) = %016llx errno %d, glibc %016llx errno %d",
				  t->name, (unsigned long long)to_bits(x),
				  (unsigned long long)to_bits(y), (unsigned long long)to_bits(ours),
				  e_ours, (unsigned long long)to_bits(theirs), e_glibc);
	}
}

static void report(struct tally *t)
{
	int milli = (int)(t->error * 1000 + 0.5L);
	EXPECT(t->bad == 0,
	       "%s: %ld inputs, within %llu ulp of the reference (error at most %d.%03d ulp), %ld "
	       "not identical "
	       "to glibc's (at most %llu ulp apart), %d errno differences",
	       t->name, t->inputs, (unsigned long long)t->worst, milli / 1000, milli % 1000, t->off,
	       (unsigned long long)t->worst_glibc, t->bad_errno);
}

struct unary {
	const char *name;
	double (*ours)(double), (*theirs)(double);
	long double (*reference)(long double);
	double range; /* where random arguments are drawn besides all bit patterns */
};

struct binary {
	const char *name;
	double (*ours)(double, double), (*theirs)(double, double);
	long double (*reference)(long double, long double);
	double range_x, range_y;
};

struct unaryf {
	const char *name;
	float (*ours)(float), (*theirs)(float);
	double (*reference)(double);
	float range;
};

struct binaryf {
	const char *name;
	float (*ours)(float, float), (*theirs)(float, float);
	double (*reference)(double, double);
	float range_x, range_y;
};

/*
 * The error of the double a in ulps of a, against the long double ref (whose
 * own error, about 2^-63 relative, is 1/1000 of an ulp of double); only
 * for finite normal results.
 */
static void measure(struct tally *t, double a, long double ref)
{
	if (isnan(a) || isinf(a) || __builtin_fabs(a) < 0x1p-1022 || isinf(ref))
		return;
	int e;
	glibc_frexp(a, &e);
	long double ulp = glibc_ldexpl(1.0L, e - 53);
	long double err = (a > ref ? a - ref : ref - a) / ulp;
	if (err > t->error)
		t->error = err;
}

/* f's result for x against the reference and glibc's, with errno. */
static void one(struct tally *t, const struct unary *f, double x)
{
	errno = 0;
	*glibc_errno_location() = 0;
	double a = f->ours(x);
	int ea = errno;
	double b = f->theirs(x);
	int eb = *glibc_errno_location();
	long double rl = f->reference(x);
	double r = (double)rl;
	measure(t, a, rl);
	record(t, ulps(a, r), ulps(a, b), ea, eb, x, 0, a, b, 0);
}

static void two(struct tally *t, const struct binary *f, double x, double y)
{
	errno = 0;
	*glibc_errno_location() = 0;
	double a = f->ours(x, y);
	int ea = errno;
	double b = f->theirs(x, y);
	int eb = *glibc_errno_location();
	double r = b;
	if (f->reference) {
		long double rl = f->reference(x, y);
		r = (double)rl;
		measure(t, a, rl);
	}
	record(t, ulps(a, r), ulps(a, b), ea, eb, x, y, a, b, 0);
}

static void onef(struct tally *t, const struct unaryf *f, float x)
{
	errno = 0;
	*glibc_errno_location() = 0;
	float a = f->ours(x);
	int ea = errno;
	float b = f->theirs(x);
	int eb = *glibc_errno_location();
	float r = (float)f->reference(x);
	record(t, ulpsf(a, r), ulpsf(a, b), ea, eb, x, 0, a, b, 1);
}

static void twof(struct tally *t, const struct binaryf *f, float x, float y)
{
	errno = 0;
	*glibc_errno_location() = 0;
	float a = f->ours(x, y);
	int ea = errno;
	float b = f->theirs(x, y);
	int eb = *glibc_errno_location();
	float r = (float)f->reference(x, y);
	record(t, ulpsf(a, r), ulpsf(a, b), ea, eb, x, y, a, b, 1);
}

/* The special values every function is tried on (and their negatives). */

#endif
