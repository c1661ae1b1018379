/*
 * sys_random.c - getrandom(2): random bytes without opening /dev/urandom.
 *
 * The bytes are the kernel's generator's (arch/x86_64/random.c), which
 * never blocks: so GRND_RANDOM and GRND_NONBLOCK change nothing. As on
 * Linux, an unknown flag, or GRND_INSECURE with GRND_RANDOM, is EINVAL;
 * one call returns at most 32 MiB - 1 bytes; a buffer that ends early
 * gives a short count, one invalid from its first byte EFAULT.
 */
#include "arch/x86_64/random.h"
#include "arch/x86_64/uaccess.h"
#include "lib/errno.h"
#include "sys/syscall.h"

#define GRND_NONBLOCK 0x1
#define GRND_RANDOM 0x2
#define GRND_INSECURE 0x4
#define GETRANDOM_MAX ((32u << 20) - 1) /* Linux's cap per call */

int64_t sys_getrandom(uint64_t ubuf, uint64_t n, uint64_t flags, uint64_t a3, uint64_t a4,
		      uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	if (flags & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (n > GETRANDOM_MAX)
		n = GETRANDOM_MAX;
	return copy_generated_to_user(ubuf, n, random_fill);
}
