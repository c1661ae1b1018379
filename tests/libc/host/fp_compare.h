/*
 * fp_compare.h - what the parts of fp_compare (fp_compare.c, the printf
 * part and main; fp_compare_strtod.c; fp_compare_scanf.c) share: the
 * counts of differences, the random generator, and each part's entry.
 */
#ifndef TESTS_LIBC_HOST_FP_COMPARE_H
#define TESTS_LIBC_HOST_FP_COMPARE_H

#include <stdint.h>

extern long mismatches;	   /* differences from glibc in the current group */
extern long glibc_defects; /* differences that are glibc's known defects, all groups */
extern uint64_t rng_state;

/* The raw bits of a double, to name a value without trusting our %a. */
unsigned long long bits_of(double x);

/* splitmix64 from rng_state: the same sequence on every machine. */
uint64_t rng(void);

/* A double from 64 random bits: every exponent equally likely, inf and nan included. */
double random_double(void);

void printf_hard_cases(void);
void printf_random(long n);
void strtod_hard_cases(void);
void strtod_random(long n);
void scanf_random(long n);

#endif
