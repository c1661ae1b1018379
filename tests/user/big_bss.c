/*
 * big_bss.c - a program with a 100 MiB .bss (exec.bss-demand-zero in
 * docs/spec/memory-syscalls.md): it must start without 100 MiB of free
 * memory, since the kernel maps its zero pages only when touched. It
 * touches a page at each end and one in the middle: they read zero and
 * keep what is written. Its exit status is the number of failed checks.
 *
 * test-run: native
 */
#include "rt/rt.h"

#define BSS (100L << 20)

static volatile unsigned char big[BSS];

int main(void)
{
	ktap_begin(3);
	long at[] = {0, BSS / 2, BSS - 1};
	int zero = 1, kept = 1;
	for (int i = 0; i < 3; i++)
		zero &= big[at[i]] == 0;
	for (int i = 0; i < 3; i++)
		big[at[i]] = (unsigned char)(0x40 + i);
	for (int i = 0; i < 3; i++)
		kept &= big[at[i]] == 0x40 + i;
	EXPECT(zero, "exec.bss-demand-zero: the .bss reads zero at both ends and in the middle");
	EXPECT(kept, "exec.bss-demand-zero: and keeps what is written");
	EXPECT(rt_mapped((long)big + BSS / 4), "exec.bss-demand-zero: the whole .bss is mapped");
	return ktap_end();
}
