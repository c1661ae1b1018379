/*
 * mmap_file_test.c - mmap of a file (root/pages.txt: 9000 bytes, two full
 * pages and 808 bytes of a third): MAP_PRIVATE and MAP_SHARED reads,
 * offsets, the zeroed tail of the last page, SIGBUS past it, a private
 * write that stays private, fork, munmap/mprotect/madvise on the area, a
 * mapping that outlives its descriptor, /proc/self/maps's line for it,
 * and the errno of each bad argument.
 *
 * make test runs it on Linux with rootfs/ as its current directory and in
 * Interlude at / of the boot file system, and requires the same output:
 * every path is relative and only what both systems agree on is printed
 * (no addresses, inode or device numbers).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define SIZE 9000
#define PATH "root/pages.txt"

static char file[SIZE]; /* the file as read() gives it */

/* Prints what a call returned: 0 / the value, or -1 and errno's name. */
static void show(const char *what, long r)
{
	if (r < 0)
		printf("%-48s -1 %s\n", what, strerror(errno));
	else
		printf("%-48s %ld\n", what, r);
}

/* Prints an mmap's result: "ok" or -1 and errno's name; unmaps it. */
static void show_map(const char *what, size_t len, int prot, int flags, int fd, off_t off)
{
	void *p = mmap(NULL, len, prot, flags, fd, off);
	if (p == MAP_FAILED) {
		printf("%-48s -1 %s\n", what, strerror(errno));
		return;
	}
	printf("%-48s ok\n", what);
	munmap(p, len);
}

/* Returns 1 if the len bytes at p are all zero. */
static int all_zero(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i])
			return 0;
	return 1;
}

static volatile char *bus_want;

/* SIGBUS's handler: exits 42 if the signal says BUS_ADRERR at bus_want. */
static void on_bus(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	_exit(sig == SIGBUS && si->si_code == BUS_ADRERR && si->si_addr == (void *)bus_want ? 42
											    : 1);
}

/* Runs fn in a child and prints how it ended. */
static void in_child(const char *what, void (*fn)(char *), char *arg)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	if (WIFSIGNALED(st))
		printf("%-48s killed by signal %d\n", what, WTERMSIG(st));
	else
		printf("%-48s exit %d\n", what, WEXITSTATUS(st));
}

/* Touches the page at p (past the end of the file). */
static void touch(char *p)
{
	*(volatile char *)p;
}

/* Touches p with a SIGBUS handler installed. */
static void touch_with_handler(char *p)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_bus;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGBUS, &sa, NULL);
	bus_want = p + 5;
	touch(p + 5);
}

/* Exits 0 if the child sees the file's bytes and the parent's private writes. */
static void child_reads(char *p)
{
	_exit(p[0] == 'X' && p[PAGE + 1] == 'Y' && memcmp(p + 1, file + 1, PAGE) == 0 &&
		      memcmp(p + PAGE + 2, file + PAGE + 2, SIZE - PAGE - 2) == 0
		  ? 0
		  : 1);
}

static void t_read(int fd)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	show("mmap 3 pages MAP_PRIVATE PROT_READ", p == MAP_FAILED ? -1 : 0);
	if (p == MAP_FAILED)
		return;
	printf("first line: %.19s\n", p);
	show("the bytes are read()'s", memcmp(p, file, SIZE) == 0);
	show("the last page's tail is zeroes", all_zero(p + SIZE, 3 * PAGE - SIZE));
	char *q = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 2 * PAGE);
	show("mmap offset 2 pages MAP_SHARED", q == MAP_FAILED ? -1 : 0);
	if (q != MAP_FAILED) {
		show("offset 8192 is the file's byte 8192",
		     memcmp(q, file + 2 * PAGE, SIZE - 2 * PAGE) == 0);
		show("mprotect shared PROT_WRITE", mprotect(q, PAGE, PROT_READ | PROT_WRITE));
		show("mprotect shared PROT_NONE", mprotect(q, PAGE, PROT_NONE));
		show("mprotect shared PROT_READ", mprotect(q, PAGE, PROT_READ));
		show("still the file's bytes", memcmp(q, file + 2 * PAGE, SIZE - 2 * PAGE) == 0);
		munmap(q, PAGE);
	}
	show("munmap the middle page", munmap(p + PAGE, PAGE));
	show("pages 0 and 2 still read", p[0] == file[0] && p[2 * PAGE] == file[2 * PAGE]);
	munmap(p, 3 * PAGE);
}

static void t_private_write(int fd)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char *r = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	show("mmap MAP_PRIVATE PROT_READ|PROT_WRITE", p == MAP_FAILED ? -1 : 0);
	if (p == MAP_FAILED || r == MAP_FAILED)
		return;
	char first = r[0];
	p[0] = 'X';
	p[PAGE + 1] = 'Y';
	show("the writer sees its writes", p[0] == 'X' && p[PAGE + 1] == 'Y');
	show("another mapping does not", r[0] == first && r[PAGE + 1] == file[PAGE + 1]);
	char buf[4];
	show("pread gives the file's bytes", pread(fd, buf, 1, 0) == 1 && buf[0] == file[0]);
	in_child("a child sees the file and the private write", child_reads, p);
	show("madvise DONTNEED the written page", madvise(p, PAGE, MADV_DONTNEED));
	show("the file's byte is back", p[0] == file[0]);
	show("mprotect PROT_READ", mprotect(p, 3 * PAGE, PROT_READ));
	show("mprotect PROT_READ|PROT_WRITE again", mprotect(p, 3 * PAGE, PROT_READ | PROT_WRITE));
	show("madvise MADV_FREE on a file", madvise(p, PAGE, MADV_FREE));
	show("madvise MADV_WIPEONFORK on a file", madvise(p, PAGE, MADV_WIPEONFORK));
	show("madvise MADV_REMOVE on a read-only file", madvise(p, PAGE, MADV_REMOVE));
	munmap(p, 3 * PAGE);
	munmap(r, 3 * PAGE);
}

static void t_past_the_end(int fd)
{
	char *p = mmap(NULL, 5 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return;
	in_child("touch the 4th page: past the end", touch, p + 3 * PAGE);
	in_child("SIGBUS with BUS_ADRERR at the address", touch_with_handler, p + 4 * PAGE);
	munmap(p, 5 * PAGE);
	char *q = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 16 * PAGE);
	show("mmap at an offset past the end", q == MAP_FAILED ? -1 : 0);
	if (q != MAP_FAILED) {
		in_child("touch it", touch, q);
		munmap(q, PAGE);
	}
}

/* A mapping outlives its descriptor (POSIX mmap/12-1): close, then read. */
static void t_after_close(void)
{
	int fd = open(PATH, O_RDONLY);
	if (fd < 0)
		return;
	char *p = mmap(NULL, 3 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	show("mmap, then close the descriptor", p == MAP_FAILED ? -1 : 0);
	if (p == MAP_FAILED)
		return;
	show("the bytes are still the file's", memcmp(p, file, SIZE) == 0);
	munmap(p, 3 * PAGE);
}

/* Prints the maps line of the area at p: its perms, offset and where its path ends. */
static void t_maps(int fd)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, PAGE);
	if (p == MAP_FAILED)
		return;
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512], want[32];
	snprintf(want, sizeof want, "%08lx-", (unsigned long)p);
	int found = 0;
	while (f && fgets(line, sizeof line, f)) {
		if (strncmp(line, want, strlen(want)) != 0)
			continue;
		char perms[8], dev[16], path[400] = "";
		unsigned long s, e, off, ino;
		int n = sscanf(line, "%lx-%lx %7s %lx %15s %lu %399s", &s, &e, perms, &off, dev,
			       &ino, path);
		const char *tail = "/" PATH;
		size_t pl = strlen(path), tl = strlen(tail);
		printf("maps: fields %d, size %lu pages, %s, offset %08lx, dev %s, inode %s, path "
		       "ends with /%s: %d, at column %d\n",
		       n, (e - s) / PAGE, perms, off,
		       strlen(dev) == 5 && dev[2] == ':' ? "xx:xx" : dev, ino ? "set" : "0", PATH,
		       pl >= tl && strcmp(path + pl - tl, tail) == 0,
		       (int)(strstr(line, path) - line));
		found = 1;
	}
	if (f)
		fclose(f);
	printf("maps: the area's line found: %d\n", found);
	munmap(p, 2 * PAGE);
}

static void t_errors(int fd)
{
	int fds[2];
	if (pipe(fds) < 0)
		return;
	int dir = open("root", O_RDONLY | O_DIRECTORY), path = open(PATH, O_PATH);
	show_map("offset not page-aligned", PAGE, PROT_READ, MAP_PRIVATE, fd, 100);
	show_map("a closed descriptor", PAGE, PROT_READ, MAP_PRIVATE, 99, 0);
	show_map("an O_PATH descriptor", PAGE, PROT_READ, MAP_PRIVATE, path, 0);
	show_map("a bad fd and len 0", 0, PROT_READ, MAP_PRIVATE, 99, 0);
	show_map("len 0", 0, PROT_READ, MAP_PRIVATE, fd, 0);
	show_map("MAP_SHARED PROT_WRITE on O_RDONLY", PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 0);
	show_map("MAP_SHARED_VALIDATE PROT_READ", PAGE, PROT_READ, MAP_SHARED_VALIDATE, fd, 0);
	show_map("MAP_SHARED_VALIDATE with MAP_SYNC", PAGE, PROT_READ,
		 MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0);
	show_map("MAP_PRIVATE PROT_EXEC", PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	show_map("no mapping type", PAGE, PROT_READ, 0, fd, 0);
	show_map("MAP_DROPPABLE of a file", PAGE, PROT_READ, MAP_DROPPABLE, fd, 0);
	show_map("MAP_GROWSDOWN of a file", PAGE, PROT_READ, MAP_PRIVATE | MAP_GROWSDOWN, fd, 0);
	show_map("MAP_HUGETLB of a file", PAGE, PROT_READ, MAP_PRIVATE | MAP_HUGETLB, fd, 0);
	show_map("a directory", PAGE, PROT_READ, MAP_PRIVATE, dir, 0);
	show_map("a pipe's read end", PAGE, PROT_READ, MAP_PRIVATE, fds[0], 0);
	show_map("a pipe's write end", PAGE, PROT_READ, MAP_PRIVATE, fds[1], 0);
	show_map("a pipe's read end, MAP_SHARED PROT_WRITE", PAGE, PROT_READ | PROT_WRITE,
		 MAP_SHARED, fds[0], 0);
	show_map("MAP_ANONYMOUS ignores the file", PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		 dir, 0);
	close(dir);
	close(path);
	close(fds[0]);
	close(fds[1]);
}

int main(void)
{
	int fd = open(PATH, O_RDONLY);
	show("open " PATH, fd);
	if (fd < 0)
		return 1;
	show("read it", read(fd, file, SIZE));
	t_read(fd);
	t_private_write(fd);
	t_past_the_end(fd);
	t_after_close();
	t_maps(fd);
	t_errors(fd);
	return 0;
}
