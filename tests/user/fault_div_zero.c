/* fault_div_zero.c - integer division by zero: #DE, SIGFPE (136). */
#include "rt/rt.h"

int main(void)
{
	long num = rt_launder(1000), zero = rt_launder(0); /* unknown: a real idiv */
	long v = num / zero;
	rt_puts("fault_div_zero: divided by zero\n");
	return (int)v;
}
