/*
 * procfs.c - the text of the /proc files (fs/procfs.h), in Linux's
 * formats, so that a program that parses them on Linux parses them here.
 *
 * Theory of operation. A /proc file is generated whole when it is opened
 * (fs/file.c keeps the snapshot), by appending formatted lines to a
 * growing kmalloc'd buffer. The per-process files read the process's
 * areas (mm/vma.h) and its page tables (resident pages, vmm_translate);
 * /proc/meminfo reads the frame allocator's and the kernel heap's counts.
 * Interlude keeps no history of a process's sizes, so VmPeak and VmHWM
 * are the current VmSize and VmRSS (a lower bound of Linux's values).
 * Every process of the table is visible (a zombie too, with no memory
 * left to describe); stat and cmdline are what ps reads, the arguments
 * copied out of the process's own stack through its page tables.
 */
#include "fs/path.h"
#include "fs/procfs.h"
#include "fs/file.h"
#include "fs/tmpfs.h"
#include "fs/path.h"
#include "arch/x86_64/memlayout.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/mman.h"
#include "mm/pagecache.h"
#include "mm/pagetable.h"
#include "mm/pmm.h"
#include "mm/vma.h"
#include "proc/proc.h"
#include "time/clock.h"

#include <stdarg.h>

#define PAGE 4096
#define KB(pages) ((pages) * (PAGE / 1024))

/* A growing text buffer; out of memory makes every later append a no-op. */
struct text {
	char *buf;
	size_t len, cap;
	bool failed;
};

/* Appends the bytes b[0, n) to t (NUL bytes too). */
static void put_bytes(struct text *t, const void *b, size_t n)
{
	if (t->failed || n == 0)
		return;
	if (t->len + n > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		while (cap < t->len + n)
			cap *= 2;
		char *nb = krealloc(t->buf, cap);
		if (!nb) {
			t->failed = true;
			return;
		}
		t->buf = nb, t->cap = cap;
	}
	memcpy(t->buf + t->len, b, n);
	t->len += n;
}

/* Appends formatted text to t. */
__attribute__((format(printf, 2, 3))) static void put(struct text *t, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > 0)
		put_bytes(t, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

/* Returns the process pid (a zombie too, as Linux's /proc shows it), or
 * NULL if there is none or it is still being made. */
static struct proc *find(int pid)
{
	struct proc *p = proc_find(pid);
	return p && p->state != PROC_EMBRYO ? p : NULL;
}

bool procfs_pid_exists(int pid)
{
	return find(pid) != NULL;
}

const struct fs_node *procfs_exe(int pid)
{
	struct proc *p = find(pid);
	return p ? p->exe : NULL;
}

bool procfs_cwd(int pid, struct fs_loc *out)
{
	struct proc *p = find(pid);
	if (!p || !p->cwd.node)
		return false;
	*out = p->cwd;
	return true;
}

bool procfs_fd_place(int pid, int fd, struct fs_loc *out)
{
	struct proc *p = find(pid);
	struct file *f = p ? fd_get(&p->files, fd) : NULL;
	if (!f)
		return false;
	*out = f->loc;
	return true;
}

struct file *procfs_fd_file(int pid, int fd)
{
	struct proc *p = find(pid);
	return p ? fd_get(&p->files, fd) : NULL;
}

size_t procfs_fd_target(int pid, int fd, char *buf, size_t size)
{
	struct proc *p = find(pid);
	struct file *f = p ? fd_get(&p->files, fd) : NULL;
	if (!f)
		return 0;
	int n;
	if (f->loc.node)
		n = fs_loc_path_shown(f->loc, buf, size);
	else if ((f->mode & FS_S_IFMT) == FS_S_IFIFO)
		n = ksnprintf(buf, size, "pipe:[%lu]", f->ino);
	else
		n = ksnprintf(buf, size, "/dev/tty"); /* a console stream: the terminal's */
	return n > 0 && (size_t)n < size ? (size_t)n : 0;
}

void procfs_for_each_fd(int pid, void (*fn)(int fd, void *ctx), void *ctx)
{
	struct proc *p = find(pid);
	for (int fd = 0; p && fd < FD_MAX; fd++)
		if (fd_get(&p->files, fd))
			fn(fd, ctx);
}

int procfs_current_pid(void)
{
	struct proc *p = proc_current();
	return p ? p->pid : 0;
}

void procfs_for_each_pid(void (*fn)(int pid, void *ctx), void *ctx)
{
	int pids[PROC_MAX], n = 0;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = proc_slot(i);
		if (p->state != PROC_UNUSED && p->state != PROC_EMBRYO)
			pids[n++] = p->pid;
	}
	for (int i = 1; i < n; i++) /* increasing order, as a listing of /proc has them */
		for (int j = i; j > 0 && pids[j - 1] > pids[j]; j--) {
			int t = pids[j];
			pids[j] = pids[j - 1], pids[j - 1] = t;
		}
	for (int i = 0; i < n; i++)
		fn(pids[i], ctx);
}

/* Returns the number of pages of [start, end) that have a frame. */
static uint64_t resident(struct proc *p, uint64_t start, uint64_t end)
{
	uint64_t n = 0, pa;
	unsigned fl;
	for (uint64_t va = start; va < end; va += PAGE)
		if (vmm_translate(&p->mm.pt, va, &pa, &fl))
			n++;
	return n;
}

/* Writes the name maps shows for v into buf (size bytes): a file's path,
 * [heap] or [stack]; returns buf, or NULL for an anonymous area. */
static const char *area_name(const struct vma *v, char *buf, size_t size)
{
	if (v->flags & VMA_FILE) {
		struct fs_loc l = {.node = (struct fs_node *)v->file->node, .pid = 0};
		return fs_loc_path_shown(l, buf, size) >= 0 ? buf : NULL;
	}
	return v->flags & VMA_HEAP ? "[heap]" : v->flags & VMA_STACK ? "[stack]" : NULL;
}

/* /proc/<pid>/maps: one line per area, Linux's show_map_vma layout; a
 * file area shows its offset, device, inode and path. */
static void gen_maps(struct text *t, struct proc *p)
{
	if (!p->has_mm)
		return; /* a zombie's memory is gone */
	for (struct vma *v = vma_first(&p->mm.vmas); v; v = vma_next(v)) {
		char head[96], path[256]; /* a longer path is left out */
		const struct mm_file *f = v->flags & VMA_FILE ? v->file : NULL;
		int n = ksnprintf(head, sizeof head, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ",
				  v->start, v->end, v->prot & PROT_READ ? 'r' : '-',
				  v->prot & PROT_WRITE ? 'w' : '-', v->prot & PROT_EXEC ? 'x' : '-',
				  v->flags & VMA_SHARED ? 's' : 'p',
				  f ? v->start - v->file_origin : 0ul, f ? f->dev >> 8 : 0,
				  f ? f->dev & 0xff : 0, f ? f->ino : 0ul);
		const char *name = area_name(v, path, sizeof path);
		if (name) /* the name starts in column 73, as seq_pad puts it */
			put(t, "%s%*s%s\n", head, n < 72 ? 72 - n + 1 : 1, "", name);
		else
			put(t, "%s\n", head);
	}
}

/* The sizes status and statm print, in pages. */
struct sizes {
	uint64_t size, rss, data, stack, exe, rss_anon, rss_file, locked;
};

/* Adds up p's areas as Linux's task_vsize, get_mm_rss, and the data/stack/exe counts do. */
static void measure(struct proc *p, struct sizes *s)
{
	memset(s, 0, sizeof *s);
	if (!p->has_mm)
		return;
	for (struct vma *v = vma_first(&p->mm.vmas); v; v = vma_next(v)) {
		uint64_t pages = (v->end - v->start) / PAGE, res = resident(p, v->start, v->end);
		s->size += pages;
		s->rss += res;
		if (v->flags & (VMA_IMAGE | VMA_FILE))
			s->rss_file += res;
		else
			s->rss_anon += res;
		if (v->flags & VMA_LOCKED) /* mlock, MAP_LOCKED: Linux's locked_vm */
			s->locked += pages;
		if (v->flags & VMA_STACK)
			s->stack += pages;
		else if ((v->flags & VMA_IMAGE) && (v->prot & PROT_EXEC))
			s->exe += pages;
		else if ((v->prot & PROT_WRITE) && !(v->flags & VMA_SHARED))
			s->data += pages;
	}
}

/* /proc/<pid>/status: Linux's lines, for the fields Interlude has. */
static void gen_status(struct text *t, struct proc *p)
{
	struct sizes s;
	measure(p, &s);
	put(t, "Name:\t%s\nUmask:\t0022\nState:\tR (running)\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n",
	    p->name, p->pid, p->pid);
	put(t, "PPid:\t0\nTracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%d\n",
	    FD_MAX);
	put(t, "Groups:\t\n");
	const struct {
		const char *name;
		uint64_t pages;
	} vm[] = {
	    {"VmPeak", s.size},
	    {"VmSize", s.size},
	    {"VmLck", s.locked},
	    {"VmPin", 0},
	    {"VmHWM", s.rss},
	    {"VmRSS", s.rss},
	    {"RssAnon", s.rss_anon},
	    {"RssFile", s.rss_file},
	    {"RssShmem", 0},
	    {"VmData", s.data},
	    {"VmStk", s.stack},
	    {"VmExe", s.exe},
	    {"VmLib", 0},
	    {"VmPTE", vmm_table_pages(&p->mm.pt)},
	    {"VmSwap", 0},
	};
	for (size_t i = 0; i < sizeof vm / sizeof vm[0]; i++)
		put(t, "%s:\t%8lu kB\n", vm[i].name, KB(vm[i].pages));
	put(t, "Threads:\t1\n");
}

/* /proc/<pid>/statm: size resident shared text lib data dt, in pages. */
static void gen_statm(struct text *t, struct proc *p)
{
	struct sizes s;
	measure(p, &s);
	put(t, "%lu %lu %lu %lu 0 %lu 0\n", s.size, s.rss, s.rss_file, s.exe, s.data + s.stack);
}

/* The state letter Linux's stat and status show. */
static char state_letter(const struct proc *p)
{
	switch (p->state) {
	case PROC_SLEEPING: return 'S';
	case PROC_ZOMBIE: return 'Z';
	default: return 'R';
	}
}

/* Clock ticks (100 a second, AT_CLKTCK) of cycles TSC cycles. */
static uint64_t ticks(uint64_t cycles)
{
	return clock_tsc_to_ns(cycles) / 10000000u;
}

/*
 * /proc/<pid>/stat: Linux's 52 fields (do_task_stat) in its order. What
 * Interlude keeps is filled in (ids, state, faults, CPU times, sizes, the
 * argument area, the exit code); the rest (the terminal, priorities,
 * signal masks, code addresses) is 0, as Linux shows it to a reader that
 * may not see it, or the value Linux has for every process here (priority
 * 20, one thread, CPU 0).
 */
static void gen_stat(struct text *t, struct proc *p)
{
	struct sizes s;
	measure(p, &s);
	int ppid = p->parent ? p->parent->pid : 0;
	const struct proc_usage *u = &p->usage, *c = &p->children_usage;
	put(t, "%d (%s) %c %d %d %d 0 -1 0 %lu %lu 0 0 %lu %lu %lu %lu %d %d 1 0 0 ", p->pid,
	    p->name, state_letter(p), ppid, p->pgid, p->sid, u->minflt, c->minflt,
	    ticks(u->user_cycles), ticks(u->sys_cycles), ticks(c->user_cycles),
	    ticks(c->sys_cycles), 20 + p->nice, p->nice);
	put(t, "%lu %lu 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 %d 0 0 0 0 0 0 ",
	    s.size * PAGE, s.rss, p->exit_signal);
	put(t, "0 0 0 %lu %lu 0 0 %d\n", p->arg_start, p->arg_end,
	    p->state == PROC_ZOMBIE ? p->wstatus : 0);
}

/* /proc/<pid>/cmdline: the argument strings as its stack holds them now
 * (each ended by NUL), read through its page tables; empty for a zombie,
 * as Linux's. */
static void gen_cmdline(struct text *t, struct proc *p)
{
	if (!p->has_mm)
		return;
	for (uint64_t va = p->arg_start; va < p->arg_end;) {
		uint64_t pa;
		if (!vmm_translate(&p->mm.pt, va, &pa, NULL))
			return;
		uint64_t n = PAGE - (va & (PAGE - 1));
		if (n > p->arg_end - va)
			n = p->arg_end - va;
		put_bytes(t, phys_to_virt(pa), n);
		va += n;
	}
}

/* /proc/meminfo: Linux's labels (16 columns) and widths (8), in kB. The
 * files' pages are Cached, as Linux counts them: the page cache's copies
 * of boot-tree files and /tmp's own pages, which are Shmem too. */
static void gen_meminfo(struct text *t)
{
	struct pmm_stats st;
	pmm_get_stats(&st);
	uint64_t slab = kheap_pages_held(), shmem = tmpfs_frames();
	uint64_t cached = pagecache_pages() + shmem;
	const struct {
		const char *name;
		uint64_t pages;
	} m[] = {
	    {"MemTotal", st.usable_frames},
	    {"MemFree", st.free_frames},
	    {"MemAvailable", st.free_frames},
	    {"Buffers", 0},
	    {"Cached", cached},
	    {"SwapCached", 0},
	    {"Active", 0},
	    {"Inactive", 0},
	    {"SwapTotal", 0},
	    {"SwapFree", 0},
	    {"Dirty", 0},
	    {"Writeback", 0},
	    {"AnonPages", st.allocated_frames - slab - cached},
	    {"Mapped", 0},
	    {"Shmem", shmem},
	    {"Slab", slab},
	};
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
		char label[24];
		ksnprintf(label, sizeof label, "%s:", m[i].name);
		put(t, "%-15s %8lu kB\n", label, KB(m[i].pages));
	}
}

/* /proc/mounts: the boot tree at / (read-only), /tmp and /proc, in Linux's
 * format (device, place, type, options, dump, pass), so that df and
 * mount find them. The tree is named "bootfs", of the type its statfs
 * says (ramfs), and not "rootfs": df and mount skip Linux's rootfs. */
static void gen_mounts(struct text *t)
{
	put(t, "bootfs / ramfs ro 0 0\n");
	put(t, "tmpfs /tmp tmpfs rw,nosuid,nodev,noexec,relatime 0 0\n");
	put(t, "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n");
}

/* Counts the processes (and the running or runnable ones), and finds the
 * highest pid, for /proc/loadavg and /proc/stat. */
static void count_procs(int *all, int *running, int *last)
{
	*all = *running = *last = 0;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = proc_slot(i);
		if (p->state == PROC_UNUSED || p->state == PROC_EMBRYO)
			continue;
		++*all;
		*running += p->state == PROC_RUNNING || p->state == PROC_RUNNABLE;
		if (p->pid > *last)
			*last = p->pid;
	}
}

/* /proc/uptime: seconds since boot and seconds halted, to 1/100 s. */
static void gen_uptime(struct text *t)
{
	uint64_t user, sys, idle;
	usage_cpu_totals(&user, &sys, &idle);
	uint64_t up = clock_monotonic_ns() / 10000000u, id = clock_tsc_to_ns(idle) / 10000000u;
	put(t, "%lu.%02lu %lu.%02lu\n", up / 100, up % 100, id / 100, id % 100);
}

/* /proc/loadavg: Interlude keeps no load average (0.00, as sysinfo says),
 * then running/all processes and the last pid, as Linux's. */
static void gen_loadavg(struct text *t)
{
	int all, running, last;
	count_procs(&all, &running, &last);
	put(t, "0.00 0.00 0.00 %d/%d %d\n", running, all, last);
}

/* /proc/stat: the one CPU's user, system and idle ticks (100 a second),
 * for "cpu" and "cpu0", and the lines top and vmstat read after them. */
static void gen_cpustat(struct text *t)
{
	uint64_t user, sys, idle;
	usage_cpu_totals(&user, &sys, &idle);
	for (int i = 0; i < 2; i++)
		put(t, "%s %lu 0 %lu %lu 0 0 0 0 0 0\n", i ? "cpu0" : "cpu ", ticks(user),
		    ticks(sys), ticks(idle));
	int all, running, last;
	count_procs(&all, &running, &last);
	uint64_t boot = (clock_realtime_ns() - clock_monotonic_ns()) / 1000000000u;
	put(t, "intr 0\nctxt 0\nbtime %lu\nprocesses %d\nprocs_running %d\nprocs_blocked 0\n", boot,
	    last, running);
	put(t, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
}

int procfs_generate(struct fs_loc loc, char **buf, size_t *size)
{
	struct text t = {0};
	struct proc *p = NULL;
	enum fs_proc_kind k = loc.node->proc;
	bool global = k == FS_PROC_MEMINFO || k == FS_PROC_MOUNTS || k == FS_PROC_UPTIME ||
		      k == FS_PROC_LOADAVG || k == FS_PROC_CPUSTAT;
	if (!global && !(p = find(loc.pid)))
		return -ESRCH;
	switch (loc.node->proc) {
	case FS_PROC_MEMINFO: gen_meminfo(&t); break;
	case FS_PROC_MOUNTS: gen_mounts(&t); break;
	case FS_PROC_UPTIME: gen_uptime(&t); break;
	case FS_PROC_LOADAVG: gen_loadavg(&t); break;
	case FS_PROC_CPUSTAT: gen_cpustat(&t); break;
	case FS_PROC_STAT: gen_stat(&t, p); break;
	case FS_PROC_CMDLINE: gen_cmdline(&t, p); break;
	case FS_PROC_COMM: put(&t, "%s\n", p->name); break;
	case FS_PROC_MAPS: gen_maps(&t, p); break;
	case FS_PROC_STATUS: gen_status(&t, p); break;
	case FS_PROC_STATM: gen_statm(&t, p); break;
	default: break;
	}
	if (t.failed) {
		kfree(t.buf);
		return -ENOMEM;
	}
	*buf = t.buf;
	*size = t.len;
	return 0;
}
