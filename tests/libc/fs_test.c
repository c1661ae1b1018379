/*
 * fs_test.c - the file calls on a tree shaped like rootfs/: open, read,
 * pread, readv, lseek, fstat/stat/lstat/fstatat, dup/dup2/dup3, fcntl,
 * getdents64 (opendir), getcwd/chdir/fchdir, access, readlink, and the
 * errno of each bad argument; then /proc/self/status, maps, statm and
 * /proc/meminfo read with fopen/fgets, printed normalised (numbers and
 * addresses masked) so that only the fields and the format are compared.
 *
 * make test runs it on Linux with rootfs/ as its current directory and
 * in Interlude at / of the boot file system (whose root is rootfs/), and
 * requires the same output: so every path here is relative, and nothing
 * that would be writable on Linux is written.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

/* Prints what a call returned: the value, or -1 and errno's name. */
static void show(const char *what, long r)
{
	if (r < 0)
		printf("%-40s -1 %s\n", what, strerror(errno));
	else
		printf("%-40s %ld\n", what, r);
}

/* A checksum of n bytes, so that a whole file is compared in one line. */
static unsigned long sum(const unsigned char *p, size_t n)
{
	unsigned long h = 5381;
	for (size_t i = 0; i < n; i++)
		h = h * 33 + p[i];
	return h;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists a directory sorted (getdents64's order is the file system's). */
static void list(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		show(path, -1);
		return;
	}
	char *names[64];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 64) {
		char *s = malloc(strlen(e->d_name) + 4);
		sprintf(s, "%s:%c", e->d_name,
			e->d_type == DT_DIR   ? 'd'
			: e->d_type == DT_LNK ? 'l'
					      : 'f');
		names[n++] = s;
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof names[0], compare_names);
	printf("ls %s:", path);
	for (int i = 0; i < n; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
}

static void files(void)
{
	static unsigned char buf[8192];
	int fd = open("README", O_RDONLY);
	show("open README", fd);
	struct stat st, st2;
	show("fstat", fstat(fd, &st));
	printf("regular %d, size > 0 %d, nlink %lu, mode %o\n", S_ISREG(st.st_mode), st.st_size > 0,
	       (unsigned long)st.st_nlink, st.st_mode & 0777);
	ssize_t n = read(fd, buf, sizeof buf);
	printf("read all: %d, sum %lx\n", n == st.st_size, sum(buf, (size_t)n));
	show("read at the end", read(fd, buf, 10));
	show("lseek SEEK_END", lseek(fd, 0, SEEK_END) == st.st_size);
	show("lseek -1 SEEK_SET", lseek(fd, -1, SEEK_SET));
	show("lseek whence 9", lseek(fd, 0, 9));
	show("lseek SEEK_CUR -10", lseek(fd, -10, SEEK_CUR) == st.st_size - 10);
	show("lseek SEEK_SET 5", lseek(fd, 5, SEEK_SET));
	char small[17] = {0};
	show("pread 16 at 10", pread(fd, small, 16, 10));
	printf("  \"%s\"\n", small);
	show("pread -1", pread(fd, small, 16, -1));
	show("offset after pread", lseek(fd, 0, SEEK_CUR));
	char a[4] = {0}, b[6] = {0};
	struct iovec iov[2] = {{a, 3}, {b, 5}};
	show("readv 3+5", readv(fd, iov, 2));
	printf("  \"%s\" \"%s\"\n", a, b);
	show("fcntl F_GETFL", fcntl(fd, F_GETFL));
	show("fcntl F_GETFD", fcntl(fd, F_GETFD));
	show("write to a read-only fd", write(fd, "x", 1));
	show("ioctl TCGETS on a file", ioctl(fd, TCGETS, buf));
	DIR *notdir = fdopendir(dup(fd));
	errno = 0;
	show("readdir on a file", readdir(notdir) ? 0 : -1);
	closedir(notdir);

	int d = dup(fd);
	show("dup", d);
	show("dup shares the offset", lseek(d, 0, SEEK_CUR) == lseek(fd, 0, SEEK_CUR));
	lseek(d, 100, SEEK_SET);
	show("offset seen through the other", lseek(fd, 0, SEEK_CUR));
	show("dup2 to 10", dup2(fd, 10));
	show("dup2 to itself", dup2(fd, fd));
	show("dup3 to itself", dup3(fd, fd, 0));
	show("dup3 bad flags", dup3(fd, 11, 1));
	show("dup3 O_CLOEXEC", dup3(fd, 11, O_CLOEXEC));
	show("  F_GETFD", fcntl(11, F_GETFD));
	show("fcntl F_DUPFD 20", fcntl(fd, F_DUPFD, 20));
	show("fcntl F_DUPFD_CLOEXEC 20", fcntl(fd, F_DUPFD_CLOEXEC, 20));
	show("  F_GETFD", fcntl(21, F_GETFD));
	show("fcntl F_SETFD 0", fcntl(21, F_SETFD, 0));
	show("  F_GETFD", fcntl(21, F_GETFD));
	show("fcntl F_DUPFD -1", fcntl(fd, F_DUPFD, -1));
	show("fcntl bad command", fcntl(fd, 9999));
	show("fcntl F_SETFL O_NONBLOCK", fcntl(fd, F_SETFL, O_NONBLOCK));
	show("  F_GETFL", fcntl(fd, F_GETFL));
	show("fcntl on a bad fd", fcntl(99, F_GETFD));
	show("close 10", close(10));
	show("close 10 again", close(10));
	show("dup2 bad old", dup2(99, 12));
	show("dup2 bad new", dup2(fd, -1));
	for (int i = 4; i < 30; i++)
		close(i);
	show("close", close(fd));

	show("stat README", stat("README", &st2));
	show("  same size", st2.st_size == st.st_size);
	show("  same inode", st2.st_ino == st.st_ino);
	show("lstat etc/motd", lstat("etc/motd", &st2));
	printf("  link %d, size %ld\n", S_ISLNK(st2.st_mode), (long)st2.st_size);
	show("stat etc/motd", stat("etc/motd", &st2));
	show("  follows to README", st2.st_ino == st.st_ino && S_ISREG(st2.st_mode));
	show("fstatat AT_SYMLINK_NOFOLLOW",
	     fstatat(AT_FDCWD, "etc/motd", &st2, AT_SYMLINK_NOFOLLOW));
	printf("  link %d\n", S_ISLNK(st2.st_mode));
	show("fstatat bad flags", fstatat(AT_FDCWD, "README", &st2, 0x40000000));
	show("fstatat \"\" without AT_EMPTY_PATH", fstatat(AT_FDCWD, "", &st2, 0));
	int e = open("etc", O_RDONLY | O_DIRECTORY);
	show("open etc O_DIRECTORY", e);
	show("fstatat(etc, \"passwd\")", fstatat(e, "passwd", &st2, 0));
	show("  regular", S_ISREG(st2.st_mode));
	show("fstatat(etc, \"\", AT_EMPTY_PATH)", fstatat(e, "", &st2, AT_EMPTY_PATH));
	show("  directory", S_ISDIR(st2.st_mode));
	show("openat(etc, \"group\")", openat(e, "group", O_RDONLY));
	show("read a directory", read(e, buf, 10));
	show("fstatat(file fd, \"x\")", fstatat(4, "x", &st2, 0));
	show("openat(99, \"x\")", openat(99, "x", O_RDONLY));
	close(4);
	close(e);

	show("readlink etc/motd", readlink("etc/motd", (char *)buf, sizeof buf));
	printf("  \"%.*s\"\n", 9, (char *)buf);
	show("readlink size 3", readlink("etc/motd", (char *)buf, 3));
	show("readlink size 0", readlink("etc/motd", (char *)buf, 0));
	show("readlink a file", readlink("README", (char *)buf, sizeof buf));
	show("readlink missing", readlink("nothing", (char *)buf, sizeof buf));
	show("access README R_OK", access("README", R_OK));
	show("access README X_OK", access("README", X_OK));
	show("access etc X_OK", access("etc", X_OK));
	show("access bad mode", access("README", 8));
	show("access missing", access("nothing", F_OK));
	show("faccessat bad flag", faccessat(AT_FDCWD, "README", R_OK, 0x4));
}

static void errors(void)
{
	static char longpath[5000];
	show("open \"\"", open("", O_RDONLY));
	show("open NULL", open(NULL, O_RDONLY));
	show("open README/x", open("README/x", O_RDONLY));
	show("open README/", open("README/", O_RDONLY));
	show("open README O_DIRECTORY", open("README", O_RDONLY | O_DIRECTORY));
	show("open etc O_WRONLY", open("etc", O_WRONLY));
	show("open etc O_RDWR", open("etc", O_RDWR));
	show("open missing", open("nothing", O_RDONLY));
	show("open missing/x O_CREAT", open("nothing/x", O_WRONLY | O_CREAT, 0644));
	show("open etc O_CREAT", open("etc", O_WRONLY | O_CREAT, 0644));
	show("open README O_CREAT|O_EXCL", open("README", O_RDONLY | O_CREAT | O_EXCL, 0644));
	show("open etc/loop", open("etc/loop", O_RDONLY));
	show("open etc/motd O_NOFOLLOW", open("etc/motd", O_RDONLY | O_NOFOLLOW));
	show("open ../../../../../../etc/passwd",
	     open("../../../../../../etc/passwd", O_RDONLY) >= 0);
	close(3);
	memset(longpath, 'a', sizeof longpath - 1);
	show("open a 4999-byte name", open(longpath, O_RDONLY));
	longpath[300] = '\0';
	show("open a 300-byte component", open(longpath, O_RDONLY));
	show("read bad fd", read(99, longpath, 1));
	show("read -1", read(-1, longpath, 1));
	show("fstat bad fd", fstat(99, NULL));
	show("lseek bad fd", lseek(99, 0, SEEK_SET));
	show("close -1", close(-1));
	show("chdir missing", chdir("nothing"));
	show("chdir README", chdir("README"));
	show("fchdir bad fd", fchdir(99));
}

static void directories(void)
{
	list("etc");
	char cwd[4096], cwd2[4096];
	show("getcwd", getcwd(cwd, sizeof cwd) == cwd);
	show("getcwd size 1", getcwd(cwd2, 1) ? 0 : -1);
	show("chdir etc", chdir("etc"));
	show("getcwd ends with /etc", getcwd(cwd2, sizeof cwd2) && strlen(cwd2) >= 4 &&
					  strcmp(cwd2 + strlen(cwd2) - 4, "/etc") == 0);
	show("open passwd here", open("passwd", O_RDONLY));
	close(3);
	show("chdir ..", chdir(".."));
	show("getcwd is back", getcwd(cwd2, sizeof cwd2) && strcmp(cwd, cwd2) == 0);
	int e = open("etc", O_RDONLY | O_DIRECTORY);
	show("fchdir etc", fchdir(e));
	show("access group", access("group", R_OK));
	show("chdir ..", chdir(".."));
	close(e);
}

/*
 * Returns line with its numbers masked: the format, not the values. A
 * number right-aligned in a padded field (two spaces or more before it)
 * becomes "N@C", C the column where it ends (so the field's width is
 * compared); any other number becomes "N".
 */
static char *mask(const char *line)
{
	static char out[600];
	size_t o = 0;
	for (size_t i = 0; line[i] && o < sizeof out - 16;) {
		size_t j = i;
		while (line[j] == ' ')
			j++;
		if (line[j] >= '0' && line[j] <= '9') {
			size_t k = j;
			while (line[k] >= '0' && line[k] <= '9')
				k++;
			if (j - i >= 2)
				o += (size_t)sprintf(out + o, " N@%zu", k);
			else
				o += (size_t)sprintf(out + o, "%.*sN", (int)(j - i), line + i);
			i = k;
		} else {
			out[o++] = line[i++];
		}
	}
	out[o] = '\0';
	return out;
}

/* Prints "Name:" style field names of the lines, and each line's shape. */
static void proc_file(const char *path, const char *const *want)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		show(path, -1);
		return;
	}
	char line[512];
	printf("%s:\n", path);
	while (fgets(line, sizeof line, f)) {
		for (const char *const *w = want; *w; w++) {
			size_t n = strlen(*w);
			if (strncmp(line, *w, n) != 0 || line[n] != ':')
				continue;
			printf("  %s", mask(line));
		}
	}
	fclose(f);
}

static void proc(void)
{
	static const char *const status[] = {"State", "Umask", "Uid",	  "Gid", "VmSize",
					     "VmRSS", "VmStk", "Threads", NULL};
	static const char *const meminfo[] = {"MemTotal", "MemFree", "MemAvailable", "SwapTotal",
					      NULL};
	proc_file("/proc/self/status", status);
	proc_file("/proc/meminfo", meminfo);
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long v[7];
	int got = f ? fscanf(f, "%lu %lu %lu %lu %lu %lu %lu", &v[0], &v[1], &v[2], &v[3], &v[4],
			     &v[5], &v[6])
		    : -1;
	printf("statm: %d numbers, size >= resident %d\n", got, got == 7 && v[0] >= v[1]);
	if (f)
		fclose(f);
	f = fopen("/proc/self/maps", "r");
	char line[512];
	int stack = 0, good = 0, lines = 0;
	while (f && fgets(line, sizeof line, f)) {
		unsigned long start, end, off, ino;
		char perms[5];
		unsigned maj, min;
		int pos = 0;
		lines++;
		if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu %n", &start, &end, perms, &off, &maj,
			   &min, &ino, &pos) == 7 &&
		    start < end)
			good++;
		if (strstr(line, "[stack]")) {
			stack++;
			printf("maps [stack]: %s, name at column %d\n", perms,
			       (int)(strstr(line, "[stack]") - line));
		}
	}
	printf("maps: every line parses %d, one [stack] %d\n", lines > 0 && good == lines,
	       stack == 1);
	if (f)
		fclose(f);
	char link[64];
	ssize_t n = readlink("/proc/self", link, sizeof link - 1);
	link[n > 0 ? n : 0] = '\0';
	show("/proc/self is my pid", n > 0 && atoi(link) == getpid());
}

int main(void)
{
	files();
	errors();
	directories();
	proc();
	return 0;
}
