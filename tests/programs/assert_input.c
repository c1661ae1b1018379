/*
 * assert_input.c - assert() on bad input: a program that computes the
 * greatest common divisor of pairs of numbers read from standard input and
 * asserts that both are positive; the third pair is not.
 */
#include <assert.h>
#include <stdio.h>

/* Returns gcd(a, b) by Euclid's algorithm; a and b must be positive. */
static unsigned gcd(unsigned a, unsigned b)
{
	while (b) {
		unsigned t = a % b;
		a = b;
		b = t;
	}
	return a;
}

int main(void)
{
	int a, b;
	while (scanf("%d %d", &a, &b) == 2) {
		assert(a > 0 && b > 0);
		printf("gcd(%d, %d) = %u, lcm = %lu\n", a, b, gcd(a, b),
		       (unsigned long)a / gcd(a, b) * b);
		fflush(stdout);
	}
	return 0;
}
