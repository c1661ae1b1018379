/*
 * tmpfs_fuzz.c - a differential fuzzer of the calls that make, change and
 * read files: a seeded random sequence of open (with random flags),
 * close, write, pwrite, read, pread, lseek, ftruncate, truncate, rename
 * and renameat2, link, unlink, mkdir, rmdir, stat, listing, and stores through
 * MAP_SHARED mappings, on a handful of names in two directories under
 * /tmp. Each call's result (or -errno) and a checksum of what it read is
 * printed, so that make test compares the same program's output on
 * Linux's /tmp and on Interlude's tmpfs: any difference in a result, an
 * errno, a size or a byte is a line that differs. At the end every file
 * is read whole and summed, and everything is removed.
 *
 *   tmpfs_fuzz [SEED [OPS]]   (default: seed 1, 2000 operations)
 *
 * What is left out is what may differ between two correct file systems:
 * st_blocks, a directory's size and link count, the order of a listing
 * (it is sorted), FIFOs (Interlude's /tmp has none), and any touch of a
 * mapping past the file's end.
 *
 * test-run: ktap
 */
#define _GNU_SOURCE /* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define NFD 6
#define MAXSIZE (3 * 4096 + 700)

static const char *const names[] = {"a", "b", "c", "d", "d/a", "d/b", "d/e", "e", "e/a"};
#define NNAMES (sizeof names / sizeof names[0])

static uint64_t state;

/* The next of a 64-bit xorshift sequence. */
static uint64_t rnd(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

/* A number in [0, n). */
static unsigned below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static const char *name(void)
{
	return names[below(NNAMES)];
}

/* A call's result as printed: the value, or -errno for -1. */
static long res(long r)
{
	return r == -1 ? -errno : r;
}

/* FNV-1a of buf[0, n). */
static uint32_t sum(const unsigned char *buf, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ buf[i]) * 16777619u;
	return h;
}

static int fds[NFD] = {-1, -1, -1, -1, -1, -1};
static unsigned char buf[MAXSIZE];

/* A random slot of fds[], and its descriptor (maybe -1: a closed one). */
static int pick(unsigned *slot)
{
	*slot = below(NFD);
	return fds[*slot];
}

/* Fills buf[0, n) with bytes of operation k. */
static void fill(size_t n, unsigned k)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)(k * 31 + i);
}

static void do_open(unsigned k)
{
	static const int acc[] = {O_RDONLY, O_WRONLY, O_RDWR, O_RDWR};
	int fl = acc[below(4)];
	if (below(2))
		fl |= O_CREAT;
	if (below(5) == 0)
		fl |= O_EXCL;
	if (below(5) == 0)
		fl |= O_TRUNC;
	if (below(4) == 0)
		fl |= O_APPEND;
	if (below(8) == 0)
		fl |= O_DIRECTORY;
	unsigned slot;
	int old = pick(&slot);
	const char *n = name();
	long r = res(open(n, fl, 0644));
	printf("# %u open %s 0%o -> %ld\n", k, n, (unsigned)fl, r < 0 ? r : 0);
	if (r >= 0) {
		if (old >= 0)
			close(old);
		fds[slot] = (int)r;
	}
}

static void do_io(unsigned k)
{
	unsigned slot;
	int fd = pick(&slot);
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		printf("# %u io fd%u: a directory\n", k, slot); /* lseek there is the fs's own */
		return;
	}
	size_t n = below(5000);
	off_t off = (off_t)below(MAXSIZE);
	long r;
	switch (below(5)) {
	case 0:
		fill(n, k);
		r = res(write(fd, buf, n));
		printf("# %u write fd%u %zu -> %ld\n", k, slot, n, r);
		break;
	case 1:
		fill(n, k);
		r = res(pwrite(fd, buf, n, off));
		printf("# %u pwrite fd%u %zu at %ld -> %ld\n", k, slot, n, (long)off, r);
		break;
	case 2:
		r = res(read(fd, buf, n));
		printf("# %u read fd%u %zu -> %ld %08x\n", k, slot, n, r,
		       r > 0 ? sum(buf, (size_t)r) : 0);
		break;
	case 3:
		r = res(pread(fd, buf, n, off));
		printf("# %u pread fd%u %zu at %ld -> %ld %08x\n", k, slot, n, (long)off, r,
		       r > 0 ? sum(buf, (size_t)r) : 0);
		break;
	default:
		r = res(lseek(fd, below(3) ? (off_t)below(MAXSIZE) : 0, (int)below(3)));
		printf("# %u lseek fd%u -> %ld\n", k, slot, r);
	}
}

static void do_size(unsigned k)
{
	unsigned slot;
	int fd = pick(&slot);
	off_t len = (off_t)below(MAXSIZE);
	if (below(2)) {
		printf("# %u ftruncate fd%u %ld -> %ld\n", k, slot, (long)len,
		       res(ftruncate(fd, len)));
	} else {
		const char *n = name();
		printf("# %u truncate %s %ld -> %ld\n", k, n, (long)len, res(truncate(n, len)));
	}
}

/* What lstat says of name a: a file's size and links, or its kind. */
static void stat_line(unsigned k, const char *a)
{
	struct stat st;
	if (lstat(a, &st) != 0)
		printf("# %u stat %s -> missing\n", k, a);
	else if (S_ISREG(st.st_mode))
		printf("# %u stat %s -> file %ld bytes, %lu link\n", k, a, (long)st.st_size,
		       (unsigned long)st.st_nlink);
	else
		printf("# %u stat %s -> %s\n", k, a, S_ISDIR(st.st_mode) ? "directory" : "other");
}

static void do_names(unsigned k)
{
	const char *a = name(), *b = name();
	static const unsigned flags[] = {0, 0, RENAME_NOREPLACE, RENAME_EXCHANGE};
	unsigned f = flags[below(4)];
	switch (below(6)) {
	case 0:
		printf("# %u rename %s %s %u -> %ld\n", k, a, b, f,
		       res(renameat2(AT_FDCWD, a, AT_FDCWD, b, f)));
		break;
	case 5: printf("# %u link %s %s -> %ld\n", k, a, b, res(link(a, b))); break;
	case 1: printf("# %u unlink %s -> %ld\n", k, a, res(unlink(a))); break;
	case 2: printf("# %u mkdir %s -> %ld\n", k, a, res(mkdir(a, 0755))); break;
	case 3: printf("# %u rmdir %s -> %ld\n", k, a, res(rmdir(a))); break;
	default: stat_line(k, a);
	}
}

/* A store through a MAP_SHARED mapping of a descriptor's file, inside its size. */
static void do_map(unsigned k)
{
	unsigned slot;
	int fd = pick(&slot);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
		printf("# %u map fd%u: no file to map\n", k, slot);
		return;
	}
	size_t len = (size_t)st.st_size;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		printf("# %u map fd%u %zu -> %d\n", k, slot, len, -errno);
		return;
	}
	size_t at = below((unsigned)len);
	p[at] = (unsigned char)k;
	printf("# %u map fd%u %zu, store at %zu -> %08x\n", k, slot, len, at, sum(p, len));
	munmap(p, len);
}

/* Sorted names of directory path, one line. */
static void list(const char *path)
{
	char seen[16][8];
	int n = 0;
	DIR *d = opendir(path);
	for (struct dirent *e; d && (e = readdir(d)) && n < 16;)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			snprintf(seen[n++], sizeof seen[0], "%.6s", e->d_name);
	if (d)
		closedir(d);
	qsort(seen, (size_t)n, sizeof seen[0], (int (*)(const void *, const void *))strcmp);
	printf("# list %s:", path);
	for (int i = 0; i < n; i++)
		printf(" %s", seen[i]);
	printf("\n");
}

/* Removes path and, if it is a directory, all below it. */
static void remove_all(const char *path)
{
	if (unlink(path) == 0 || errno == ENOENT)
		return;
	DIR *d = opendir(path);
	for (struct dirent *e; d && (e = readdir(d));) {
		char sub[256];
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			remove_all(sub);
		}
	}
	if (d)
		closedir(d);
	rmdir(path);
}

/* Every file summed whole, then everything removed. */
static void finish(void)
{
	for (int i = 0; i < NFD; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	list(".");
	list("d");
	list("e");
	for (int i = (int)NNAMES - 1; i >= 0; i--) {
		int fd = open(names[i], O_RDONLY);
		ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
		if (n >= 0)
			printf("# end %s: %zd bytes %08x\n", names[i], n, sum(buf, (size_t)n));
		if (fd >= 0)
			close(fd);
	}
	for (int i = (int)NNAMES - 1; i >= 0; i--)
		remove_all(names[i]);
}

int main(int argc, char **argv)
{
	unsigned long seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
	unsigned ops = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) : 2000;
	state = seed * 0x9e3779b97f4a7c15ull + 1;
	char dir[64];
	snprintf(dir, sizeof dir, "/tmp/tmpfs-fuzz-%d", (int)getpid());
	printf("KTAP version 1\n1..1\n# seed %lu, %u operations\n", seed, ops);
	if (mkdir(dir, 0755) != 0 || chdir(dir) != 0) {
		printf("not ok 1 a directory in /tmp: %s\n", strerror(errno));
		return 1;
	}
	umask(022);
	for (unsigned k = 0; k < ops; k++) {
		switch (below(10)) {
		case 0:
		case 1: do_open(k); break;
		case 2:
		case 3:
		case 4:
		case 5: do_io(k); break;
		case 6: do_size(k); break;
		case 7:
		case 8: do_names(k); break;
		default: do_map(k);
		}
	}
	finish();
	chdir("/");
	int r = rmdir(dir);
	printf("%s 1 tmpfs_fuzz: everything removed at the end\n", r == 0 ? "ok" : "not ok");
	return r == 0 ? 0 : 1;
}
