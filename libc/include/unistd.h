/*
 * unistd.h - the POSIX system interface: the calls Interlude implements
 * (docs/SYSCALLS.md) with their POSIX signatures, brk/sbrk, and syscall().
 */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
pid_t getpid(void);
__attribute__((__noreturn__)) void _exit(int status);

/* Processes (libc/process/). */
pid_t fork(void);
pid_t vfork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
int execl(const char *path, const char *arg0, ...);
int execlp(const char *file, const char *arg0, ...);
pid_t getppid(void);
pid_t gettid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t uid);
int setgid(gid_t gid);
int getgroups(int size, gid_t list[]);
int getresuid(uid_t *r, uid_t *e, uid_t *s);
int getresgid(gid_t *r, gid_t *e, gid_t *s);
int isatty(int fd);

/* Process groups and sessions (libc/process/pgrp.c). */
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgid(pid_t pid);
pid_t getpgrp(void);
pid_t setsid(void);
pid_t getsid(pid_t pid);

/* alarm(seconds): SIGALRM that many seconds from now (0: cancels); the
 * seconds the previous alarm had left (libc/time/itimer.c). */
unsigned alarm(unsigned seconds);
/* pause(): waits for a signal; -1 with errno EINTR once a handler has run. */
int pause(void);

/* Descriptors, directories and names (libc/unistd/files.c). */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
int dup(int fd);
int dup2(int oldfd, int newfd);
int dup3(int oldfd, int newfd, int flags);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
ssize_t pread(int fd, void *buf, size_t n, off_t offset);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset);
char *getcwd(char *buf, size_t size);
int chdir(const char *path);
int fchdir(int fd);
int access(const char *path, int mode);
int faccessat(int dirfd, const char *path, int mode, int flags);
int unlink(const char *path);
int unlinkat(int dirfd, const char *path, int flags); /* flags: AT_REMOVEDIR (<fcntl.h>) */
int rmdir(const char *path);
/* libc/unistd/tree.c: on Interlude's read-only tree these fail as on a
 * read-only Linux mount (EROFS after the path's own errors). */
int link(const char *oldpath, const char *newpath);
int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);
int symlink(const char *target, const char *path);
int symlinkat(const char *target, int dirfd, const char *path);
int chown(const char *path, uid_t uid, gid_t gid);
int fchown(int fd, uid_t uid, gid_t gid);
int lchown(const char *path, uid_t uid, gid_t gid);
int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags);
int truncate(const char *path, off_t len);
int ftruncate(int fd, off_t len);
int fsync(int fd);
int fdatasync(int fd);
void sync(void);
int syncfs(int fd);
ssize_t readlink(const char *__restrict path, char *__restrict buf, size_t size);
ssize_t readlinkat(int dirfd, const char *__restrict path, char *__restrict buf, size_t size);

/* brk(addr): the break becomes addr; 0, or -1 with errno ENOMEM. */
int brk(void *addr);
/* sbrk(incr): moves the break; the old break, or (void *)-1 with errno ENOMEM. */
void *sbrk(intptr_t increment);

/* syscall(SYS_x, args...) from <sys/syscall.h>: the result, or -1 with errno. */
long syscall(long number, ...);

/* The option parser (libc/unistd/getopt.c), glibc's: argv is reordered unless optstring starts with
 * '+'. */
extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);

long sysconf(int name);
int getpagesize(void);
/* libc/time/nanosleep.c: sleep returns the seconds left if a signal woke it. */
unsigned sleep(unsigned seconds);
int usleep(useconds_t usec);
/* Adds inc to the nice value; the new one, or -1 with errno. */
int nice(int inc);
#define _SC_PAGESIZE 30
#define _SC_PAGE_SIZE _SC_PAGESIZE

extern char **environ;

#endif
