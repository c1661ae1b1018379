/*
 * recursion.c - recursive factorial, Fibonacci (naive and memoised),
 * Ackermann and the towers of Hanoi, with long long and %lld.
 * args: 20 85
 */
#include <stdio.h>
#include <stdlib.h>

/* Returns n! (correct up to 20!, the largest that fits in 64 bits). */
static unsigned long long factorial(int n)
{
	return n <= 1 ? 1 : n * factorial(n - 1);
}

/* Returns the nth Fibonacci number, the slow way. */
static long long fib_naive(int n)
{
	return n < 2 ? n : fib_naive(n - 1) + fib_naive(n - 2);
}

/* Returns the nth Fibonacci number, remembering each one computed. */
static long long fib_memo(int n, long long *memo)
{
	if (n < 2)
		return n;
	if (memo[n] == 0)
		memo[n] = fib_memo(n - 1, memo) + fib_memo(n - 2, memo);
	return memo[n];
}

/* Returns Ackermann's function A(m, n): deep recursion for small inputs. */
static long ackermann(long m, long n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ackermann(m - 1, 1);
	return ackermann(m - 1, ackermann(m, n - 1));
}

/* Returns the number of moves to carry n discs from one peg to another. */
static long hanoi(int n, char from, char to, char via, int print)
{
	if (n == 0)
		return 0;
	long moves = hanoi(n - 1, from, via, to, print);
	if (print)
		printf("  disc %d %c -> %c\n", n, from, to);
	return moves + 1 + hanoi(n - 1, via, to, from, print);
}

int main(int argc, char **argv)
{
	int nfact = argc > 1 ? atoi(argv[1]) : 10;
	int nfib = argc > 2 ? atoi(argv[2]) : 30;
	if (nfib > 92 || nfact > 20) {
		fprintf(stderr, "too large\n");
		return 1;
	}
	for (int i = 0; i <= nfact; i += 4)
		printf("%2d! = %llu\n", i, factorial(i));
	printf("%d! = %llu (%#llx)\n", nfact, factorial(nfact), factorial(nfact));
	printf("fib(25) = %lld (naive)\n", fib_naive(25));
	long long memo[93] = {0};
	printf("fib(%d) = %lld, %+lld, %20lld|\n", nfib, fib_memo(nfib, memo), -memo[nfib],
	       memo[nfib - 1]);
	printf("A(2, 3) = %ld, A(3, 3) = %ld\n", ackermann(2, 3), ackermann(3, 3));
	printf("hanoi(3):\n");
	long moves = hanoi(3, 'A', 'C', 'B', 1);
	printf("%ld moves; hanoi(20) takes %ld\n", moves, hanoi(20, 'A', 'C', 'B', 0));
	printf("LLONG limits: %lld %lld %llu\n", (long long)(-9223372036854775807LL - 1),
	       9223372036854775807LL, 18446744073709551615ULL);
	return 0;
}
