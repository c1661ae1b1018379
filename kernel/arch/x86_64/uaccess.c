/*
 * uaccess.c - checked copies between kernel and user memory; see
 * uaccess.h for the design. The copy itself is uaccess_copy.S.
 */
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/cpu.h"
#include "lib/errno.h"
#include "lib/string.h"

struct ex_entry {
	uint64_t fault_rip, fixup_rip;
};

extern const struct ex_entry __start_ex_table[], __stop_ex_table[];

size_t uaccess_copy(void *dst, const void *src, size_t n);

bool (*uaccess_fault_hook)(uint64_t addr, bool write);

bool uaccess_fixup(struct trap_frame *f)
{
	for (const struct ex_entry *e = __start_ex_table; e < __stop_ex_table; e++) {
		if (e->fault_rip != f->rip)
			continue;
		uint64_t addr = read_cr2();
		/* A user page not yet populated: page it in and retry. */
		if (addr < TASK_SIZE && uaccess_fault_hook &&
		    uaccess_fault_hook(addr, f->error_code & PF_WRITE))
			return true;
		f->rip = e->fixup_rip;
		return true;
	}
	return false;
}

size_t copy_from_user_partial(void *dst, uint64_t usrc, size_t n)
{
	if (!uaccess_range_ok(usrc, n)) {
		/* Copy what lies below the end of user space. */
		if (usrc >= TASK_SIZE)
			return 0;
		n = TASK_SIZE - usrc;
	}
	return n - uaccess_copy(dst, (const void *)usrc, n);
}

size_t copy_to_user_partial(uint64_t udst, const void *src, size_t n)
{
	if (!uaccess_range_ok(udst, n)) {
		if (udst >= TASK_SIZE)
			return 0;
		n = TASK_SIZE - udst;
	}
	return n - uaccess_copy((void *)udst, src, n);
}

int64_t copy_generated_to_user(uint64_t udst, size_t n, void (*fill)(void *buf, size_t n))
{
	uint8_t chunk[256];
	size_t done = 0;
	if (!fill)
		memset(chunk, 0, sizeof chunk);
	while (done < n) {
		size_t want = n - done < sizeof chunk ? n - done : sizeof chunk;
		if (fill)
			fill(chunk, want);
		size_t got = copy_to_user_partial(udst + done, chunk, want);
		done += got;
		if (got < want)
			return done ? (int64_t)done : -EFAULT;
	}
	return (int64_t)done;
}

long copy_from_user(void *dst, uint64_t usrc, size_t n)
{
	if (!uaccess_range_ok(usrc, n))
		return -EFAULT;
	return uaccess_copy(dst, (const void *)usrc, n) ? -EFAULT : 0;
}

long copy_to_user(uint64_t udst, const void *src, size_t n)
{
	if (!uaccess_range_ok(udst, n))
		return -EFAULT;
	return uaccess_copy((void *)udst, src, n) ? -EFAULT : 0;
}
