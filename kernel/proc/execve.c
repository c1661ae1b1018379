/*
 * execve.c - execve(2): the current process becomes another program.
 *
 * Theory of operation. Linux's order of checks: the path is copied in
 * (EFAULT, ENAMETOOLONG) and the file looked up in the boot file system
 * (ENOENT, ENOTDIR, EACCES for a directory...), then argv and envp are
 * copied into one kernel buffer (EFAULT for a bad pointer, E2BIG past
 * EXEC_ARGS_MAX bytes), and the ELF headers checked (ENOEXEC). Only then
 * is a new address space built beside the old one, the segments loaded
 * and the stack written into it; if that fails (ENOMEM) the new one is
 * freed and the caller keeps running in the old one with the error, as
 * on Linux before the "point of no return". Past it, the old address
 * space is freed, the close-on-exec descriptors closed, the handlers reset to SIG_DFL (the ignored
 * signals stay ignored, the mask and pending signals stay), the alternate stack dropped, the name
 * becomes the file's, a vfork parent is released, and the process leaves for the new program's
 * entry point with every register cleared (user_enter), abandoning the kernel stack it stood on.
 */
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/usermode.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "fs/fd.h" /* fs_file_node, the close-on-exec descriptors */
#include "fs/node.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "proc/proc.h"
#include "proc/syscalls.h"

#define PATH_MAX 4096
#define MAX_ARG_STRLEN (32 * 4096) /* one string: Linux's limit */

/* Copies a NUL-terminated user string of at most max bytes (NUL included)
 * to dst; returns its length + 1, -EFAULT, or -E2BIG/-ENAMETOOLONG (toolong). */
static int64_t copy_string(char *dst, uint64_t src, size_t max, int toolong)
{
	for (size_t i = 0; i < max; i++) {
		if (copy_from_user(&dst[i], src + i, 1))
			return -EFAULT;
		if (!dst[i])
			return (int64_t)i + 1;
	}
	return toolong;
}

/*
 * Appends the strings of the NULL-terminated user vector vec (NULL: none)
 * to buf[*used, EXEC_ARGS_MAX); returns how many, or -EFAULT or -E2BIG.
 */
static int copy_vector(char *buf, size_t *used, uint64_t vec)
{
	int n = 0;
	for (; vec; n++) {
		uint64_t s;
		if (copy_from_user(&s, vec + 8 * (uint64_t)n, sizeof s))
			return -EFAULT;
		if (!s)
			break;
		size_t room = EXEC_ARGS_MAX - *used;
		int64_t len = copy_string(buf + *used, s,
					  room < MAX_ARG_STRLEN ? room : MAX_ARG_STRLEN, -E2BIG);
		if (len < 0)
			return (int)len;
		*used += (size_t)len;
	}
	return n;
}

/* Resets what a new program must not inherit: the handlers (SIG_IGN stays),
 * the alternate stack. */
static void reset_signals(struct sigstate *s)
{
	for (int i = 0; i < _KERNEL_NSIG; i++)
		if (s->action[i].handler != (uint64_t)SIG_IGN)
			memset(&s->action[i], 0, sizeof s->action[i]);
	s->alt_sp = s->alt_size = 0;
	s->alt_flags = 0;
}

/*
 * Builds the program image[0, size) in a new address space for p and
 * frees the old one: returns 0 with *sp its first stack pointer, or
 * -ENOEXEC/-ENOMEM with p's old address space and image description
 * back in place (the caller keeps running). Logs why it failed.
 */
static int replace_image(struct proc *p, const void *image, size_t size,
			 const struct exec_args *args, uint64_t *sp)
{
	char why[160];
	struct mm old = p->mm;
	old.ctx = &old; /* struct mm's ops find it through ctx, and it moved */
	struct elf_image old_elf = p->elf;
	int r = elf_parse(image, size, &p->elf, why, sizeof why) < 0 ? -ENOEXEC : 0;
	if (!r && mm_create(&p->mm) < 0) {
		ksnprintf(why, sizeof why, "out of memory: no frame for its page tables");
		r = -ENOMEM;
	} else if (!r) {
		vmm_activate(&p->mm.pt);
		r = proc_exec_setup(p, image, args, sp, why, sizeof why);
		vmm_activate(vmm_kernel_space());
		if (r < 0)
			mm_destroy(&p->mm);
	}
	if (r < 0) {
		kprintf("execve: %s[%d]: %s\n", p->name, p->pid, why);
		p->mm = old;
		p->mm.ctx = &p->mm;
		p->elf = old_elf;
		vmm_activate(&p->mm.pt);
		return r;
	}
	usage_sample_rss(p, &old); /* the old image's resident size, for maxrss */
	mm_destroy(&old);	   /* the point of no return is passed */
	vmm_activate(&p->mm.pt);
	return 0;
}

/* execve(path, argv, envp): does not return on success; -errno otherwise. */
int64_t sys_execve(uint64_t upath, uint64_t uargv, uint64_t uenvp, uint64_t a3, uint64_t a4,
		   uint64_t a5)
{
	(void)a3, (void)a4, (void)a5;
	static char path[PATH_MAX]; /* one system call at a time: the kernel is not preemptible */
	struct proc *p = proc_current();
	int64_t r = copy_string(path, upath, PATH_MAX, -ENAMETOOLONG);
	if (r < 0)
		return r;
	const struct fs_node *file;
	r = fs_file_node_at(p->cwd, path, &file);
	if (r < 0)
		return r;
	const void *image = file->data;
	size_t size = file->size;
	char *buf = kmalloc(EXEC_ARGS_MAX);
	if (!buf)
		return -ENOMEM;
	size_t used = 0;
	int argc = copy_vector(buf, &used, uargv);
	int envc = argc < 0 ? argc : copy_vector(buf, &used, uenvp);
	if (argc < 0 || envc < 0) {
		kfree(buf);
		return argc < 0 ? argc : envc;
	}
	struct exec_args args = {argc, envc, buf, used, NULL, 0};
	uint64_t sp;
	r = replace_image(p, image, size, &args, &sp);
	kfree(buf);
	if (r < 0)
		return r;
	reset_signals(&p->sig);
	fd_table_close_on_exec(&p->files);
	struct exec_args name = {1, 0, path, strlen(path) + 1, NULL, 0};
	proc_set_name(p, &name); /* Linux's comm: the file's name, not argv[0] */
	p->exe = file;
	proc_vfork_release(p);
	p->did_exec = true; /* setpgid on it from its parent: -EACCES now */
	p->robust_list = 0; /* a thread library's registrations end with the image */
	p->rseq = 0;
	proc_apply_rlimits(p); /* the new stack area obeys RLIMIT_STACK */
	usermode_set_fs_base(0);
	usage_leave_kernel(p); /* user_enter never comes back through syscall_dispatch */
	user_enter(p->elf.entry, sp);
}
