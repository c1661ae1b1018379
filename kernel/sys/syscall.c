/*
 * syscall.c - from the syscall instruction to the function that serves it.
 *
 * syscall_entry.S saved the user registers in a trap_frame; here the
 * number in rax picks a function from the table and its result goes back
 * in rax. An unknown number returns -ENOSYS, as Linux does, and is logged
 * once so that a student porting a program sees what is missing. Before
 * going back, the process acts on any signal sent to it (proc/kill.c).
 */
#include "sys/syscall.h"
#include "arch/x86_64/usermode.h"
#include "lib/errno.h"
#include "lib/kprintf.h"
#include "lib/trace.h"
#include "proc/proc.h"

static const syscall_fn table[SYS_MAX] = {
    [SYS_read] = sys_read,
    [SYS_write] = sys_write,
    [SYS_open] = sys_open,
    [SYS_close] = sys_close,
    [SYS_lseek] = sys_lseek,
    [SYS_mmap] = sys_mmap,
    [SYS_mprotect] = sys_mprotect,
    [SYS_munmap] = sys_munmap,
    [SYS_brk] = sys_brk,
    [SYS_rt_sigaction] = sys_rt_sigaction,
    [SYS_rt_sigprocmask] = sys_rt_sigprocmask,
    [SYS_rt_sigreturn] = sys_rt_sigreturn,
    [SYS_ioctl] = sys_ioctl,
    [SYS_writev] = sys_writev,
    [SYS_mremap] = sys_mremap,
    [SYS_mincore] = sys_mincore,
    [SYS_madvise] = sys_madvise,
    [SYS_msync] = sys_msync,
    [SYS_mlock] = sys_mlock,
    [SYS_mlock2] = sys_mlock2,
    [SYS_munlock] = sys_munlock,
    [SYS_mlockall] = sys_mlockall,
    [SYS_munlockall] = sys_munlockall,
    [SYS_getpid] = sys_getpid,
    [SYS_exit] = sys_exit,
    [SYS_uname] = sys_uname,
    [SYS_sigaltstack] = sys_sigaltstack,
    [SYS_arch_prctl] = sys_arch_prctl,
    [SYS_set_tid_address] = sys_set_tid_address,
    [SYS_openat] = sys_openat,
    [SYS_exit_group] = sys_exit,
    [SYS_nanosleep] = sys_nanosleep,
    [SYS_gettimeofday] = sys_gettimeofday,
    [SYS_time] = sys_time,
    [SYS_clock_settime] = sys_clock_settime,
    [SYS_clock_gettime] = sys_clock_gettime,
    [SYS_clock_getres] = sys_clock_getres,
    [SYS_clock_nanosleep] = sys_clock_nanosleep,
    [SYS_sched_yield] = sys_sched_yield,
    [SYS_clone] = sys_clone,
    [SYS_fork] = sys_fork,
    [SYS_vfork] = sys_vfork,
    [SYS_execve] = sys_execve,
    [SYS_wait4] = sys_wait4,
    [SYS_waitid] = sys_waitid,
    [SYS_kill] = sys_kill,
    [SYS_tgkill] = sys_tgkill,
    [SYS_tkill] = sys_tkill,
    [SYS_getppid] = sys_getppid,
    [SYS_gettid] = sys_gettid,
    [SYS_getuid] = sys_getid_root,
    [SYS_getgid] = sys_getid_root,
    [SYS_geteuid] = sys_getid_root,
    [SYS_getegid] = sys_getid_root,
    [SYS_setuid] = sys_setid_root,
    [SYS_setgid] = sys_setid_root,
    [SYS_getgroups] = sys_getgroups,
    [SYS_getresuid] = sys_getres_root,
    [SYS_getresgid] = sys_getres_root,
    [SYS_sbrk] = sys_sbrk,
    [SYS_mmcheck] = sys_mmcheck,
    [SYS_trace_event] = sys_trace_event,
    [SYS_pread64] = sys_pread64,
    [SYS_pwrite64] = sys_pwrite64,
    [SYS_readv] = sys_readv,
    [SYS_sendfile] = sys_sendfile,
    [SYS_dup] = sys_dup,
    [SYS_dup2] = sys_dup2,
    [SYS_dup3] = sys_dup3,
    [SYS_fcntl] = sys_fcntl,
    [SYS_stat] = sys_stat,
    [SYS_fstat] = sys_fstat,
    [SYS_lstat] = sys_lstat,
    [SYS_newfstatat] = sys_newfstatat,
    [SYS_statx] = sys_statx,
    [SYS_readlink] = sys_readlink,
    [SYS_readlinkat] = sys_readlinkat,
    [SYS_access] = sys_access,
    [SYS_faccessat] = sys_faccessat,
    [SYS_faccessat2] = sys_faccessat2,
    [SYS_getdents64] = sys_getdents64,
    [SYS_getcwd] = sys_getcwd,
    [SYS_chdir] = sys_chdir,
    [SYS_fchdir] = sys_fchdir,
    [SYS_pipe] = sys_pipe,
    [SYS_pipe2] = sys_pipe2,
    [SYS_poll] = sys_poll,
    [SYS_rt_sigsuspend] = sys_rt_sigsuspend,
    [SYS_getrandom] = sys_getrandom,
    [SYS_ppoll] = sys_ppoll,
    [SYS_select] = sys_select,
    [SYS_pselect6] = sys_pselect6,
    [SYS_pause] = sys_pause,
    [SYS_getitimer] = sys_getitimer,
    [SYS_alarm] = sys_alarm,
    [SYS_setitimer] = sys_setitimer,
    [SYS_umask] = sys_umask,
    [SYS_getrlimit] = sys_getrlimit,
    [SYS_getrusage] = sys_getrusage,
    [SYS_sysinfo] = sys_sysinfo,
    [SYS_times] = sys_times,
    [SYS_setpgid] = sys_setpgid,
    [SYS_getpgrp] = sys_getpgrp,
    [SYS_setsid] = sys_setsid,
    [SYS_getpgid] = sys_getpgid,
    [SYS_getsid] = sys_getsid,
    [SYS_prctl] = sys_prctl,
    [SYS_setrlimit] = sys_setrlimit,
    [SYS_set_robust_list] = sys_set_robust_list,
    [SYS_prlimit64] = sys_prlimit64,
    [SYS_rseq] = sys_rseq,
    [SYS_mkdir] = sys_mkdir,
    [SYS_mkdirat] = sys_mkdirat,
    [SYS_mknod] = sys_mknod,
    [SYS_mknodat] = sys_mknodat,
    [SYS_symlink] = sys_symlink,
    [SYS_symlinkat] = sys_symlinkat,
    [SYS_link] = sys_link,
    [SYS_linkat] = sys_linkat,
    [SYS_unlink] = sys_unlink,
    [SYS_unlinkat] = sys_unlinkat,
    [SYS_rmdir] = sys_rmdir,
    [SYS_rename] = sys_rename,
    [SYS_renameat] = sys_renameat,
    [SYS_renameat2] = sys_renameat2,
    [SYS_chmod] = sys_chmod,
    [SYS_fchmod] = sys_fchmod,
    [SYS_fchmodat] = sys_fchmodat,
    [SYS_chown] = sys_chown,
    [SYS_fchown] = sys_fchown,
    [SYS_lchown] = sys_lchown,
    [SYS_fchownat] = sys_fchownat,
    [SYS_utimensat] = sys_utimensat,
    [SYS_truncate] = sys_truncate,
    [SYS_ftruncate] = sys_ftruncate,
    [SYS_creat] = sys_creat,
    [SYS_sync] = sys_sync,
    [SYS_syncfs] = sys_syncfs,
    [SYS_fsync] = sys_fsync,
    [SYS_sched_getaffinity] = sys_sched_getaffinity,
    [SYS_sched_setaffinity] = sys_sched_setaffinity,
    [SYS_fdatasync] = sys_fsync, /* the same: there is no data to write back */
    [SYS_futex] = sys_futex,
    [SYS_syslog] = sys_syslog,
    [SYS_statfs] = sys_statfs,
    [SYS_fstatfs] = sys_fstatfs,
    [SYS_getpriority] = sys_getpriority,
    [SYS_setpriority] = sys_setpriority,
    [SYS_ioprio_set] = sys_ioprio_set,
    [SYS_ioprio_get] = sys_ioprio_get,
};

static uint8_t logged[SYS_MAX / 8 + 1];

/* An unknown number: -ENOSYS, logged the first time (kept off the fast path). */
__attribute__((noinline, cold)) static void unknown(struct trap_frame *f)
{
	uint64_t nr = f->rax;
	if (nr >= SYS_MAX || !(logged[nr / 8] & (1u << (nr % 8)))) {
		kprintf("syscall: %s[%d] called unimplemented system call %lu: -ENOSYS\n",
			proc_current()->name, proc_current()->pid, nr);
		if (nr < SYS_MAX)
			logged[nr / 8] |= (uint8_t)(1u << (nr % 8));
	}
	f->rax = (uint64_t)-ENOSYS;
}

void syscall_dispatch(struct trap_frame *f)
{
	uint64_t nr = f->rax;
	usage_enter_kernel(proc_current()); /* user time until now, system time from here */
	syscall_fn fn = nr < SYS_MAX ? table[nr] : NULL;
	if (__builtin_expect(!fn, 0)) {
		unknown(f);
	} else {
		if (__builtin_expect(!TRACE_ON(), 1))
			f->rax = (uint64_t)fn(f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9);
		else
			trace_call(fn, nr, f); /* the call, then its line (sys_trace.c) */
		/* Signals are acted on on the way out (proc/kill.c): one test here. */
		if (__builtin_expect(proc_current()->sig_pending != 0, 0))
			signal_on_return(f, (int64_t)nr);
	}
	usage_leave_kernel(proc_current()); /* the CPU-time accounting (proc/usage.c) */
}
