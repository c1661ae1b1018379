/*
 * newton_sqrt.c - Newton's method for square roots beside the library's
 * sqrt(), and a few other math.h functions, with the error of each step.
 */
#include <math.h>
#include <stdio.h>

/* Returns the square root of x by Newton's iteration, printing each step
 * when verbose; stops when the guess no longer changes. */
static double newton(double x, int verbose)
{
	if (x == 0)
		return 0;
	double g = x > 1 ? x / 2 : 1, prev = 0;
	for (int i = 1; g != prev && i < 100; i++) {
		prev = g;
		g = (g + x / g) / 2;
		if (verbose)
			printf("  step %2d: %.17g (error %.3e)\n", i, g, fabs(g - sqrt(x)));
	}
	return g;
}

int main(void)
{
	printf("sqrt(2) by Newton:\n");
	newton(2, 1);
	double xs[] = {0, 0.25, 1, 2, 10, 12345.678, 1e-10, 1e20, 3.0e300};
	printf("%-12s %-24s %-24s %s\n", "x", "newton", "sqrt", "ulps apart");
	for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {
		double a = newton(xs[i], 0), b = sqrt(xs[i]);
		printf("%-12g %-24.17g %-24.17g %g\n", xs[i], a, b,
		       b == 0 ? 0 : fabs(a - b) / (nextafter(b, INFINITY) - b));
	}
	printf("pi = %.15f, e = %.15f\n", 4 * atan(1.0), exp(1.0));
	printf("sin(pi/6) = %.12f, cos(pi/3) = %.12f\n", sin(M_PI / 6), cos(M_PI / 3));
	printf("log(10) = %.15g, log10(1000) = %g, pow(2, 0.5) = %.17g\n", log(10.0), log10(1000.0),
	       pow(2, 0.5));
	printf("floor(-2.5) = %g, ceil(-2.5) = %g, fmod(10, 3) = %g, hypot(3, 4) = %g\n",
	       floor(-2.5), ceil(-2.5), fmod(10, 3), hypot(3, 4));
	printf("sqrt(-1) = %f, 1/0 = %f, -1/0 = %e\n", sqrt(-1.0), 1 / 0.0, -1 / 0.0);
	return 0;
}
