#!/usr/bin/env python3
"""runner_test.py - tools/interlude run as a shell user meets it, in KTAP.

    tests/runner/runner_test.py [--build-dir build] [--libc-tests DIR]

Each test runs a program of tests/libc (built by make test) through
`tools/interlude run` the way a shell would: with a pipe for standard
input, arguments a GRUB command line could never carry, 2>/dev/null, a
terminal (script(1) makes one). Where it can, a test also runs the same
static binary natively and wants the same bytes and status; where the
answer is known, it wants that too. Each boot takes a few seconds.
"""
import argparse
import os
import signal
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import ktap  # noqa: E402
TIMEOUT = 120 * int(os.environ.get("TEST_TIMEOUT_SCALE", "1") or 1)


Ktap = ktap.Writer


class TimedOut:
    """What a command that did not end in time gave: nothing, and status -1."""
    stdout, stderr, returncode = b"", b"(timed out)", -1


def run(argv, input=None, **kw):
    """subprocess.run with the test's limit, in a process group of its own:
    a hang ends the whole group (QEMU too) and is a failed test, not an exception."""
    p = subprocess.Popen(argv, stdin=kw.pop("stdin", subprocess.PIPE), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, start_new_session=True, **kw)
    try:
        p.stdout_bytes, p.stderr_bytes = p.communicate(input, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return TimedOut()
    return subprocess.CompletedProcess(argv, p.returncode, p.stdout_bytes, p.stderr_bytes)


def program_stderr(err):
    """Standard error less the kernel's diagnoses that run-prog adds."""
    return b"".join(l for l in err.splitlines(keepends=True) if not l.startswith(b"interlude: "))


class Runner:
    def __init__(self, build, libc_tests):
        self.build = build
        self.libc_tests = libc_tests
        self.env = dict(os.environ, BUILD=build)

    def prog(self, name):
        return os.path.join(ROOT, self.libc_tests, name)

    def interlude(self, name, args=(), env=(), stdin=b"", run_env=None):
        argv = [os.path.join(ROOT, "tools/interlude").encode(), b"run"]
        for e in env:
            argv += [b"-e", os.fsencode(e)]
        p = run(argv + [self.prog(name).encode()] + [os.fsencode(a) for a in args], input=stdin,
                cwd=ROOT, env=run_env or self.env)
        return p.stdout, p.stderr, p.returncode

    def native(self, name, args=(), env=None, stdin=b""):
        p = run([name.encode()] + list(args), executable=self.prog(name), input=stdin,
                env=env or {})
        return p.stdout, p.stderr, 128 - p.returncode if p.returncode < 0 else p.returncode

    def shell(self, command, name):
        """(stdout, stderr, status) of a shell command line; $I is tools/interlude run, $P the program."""
        env = dict(self.env, I=os.path.join(ROOT, "tools/interlude") + " run",
                   P=self.prog(name), SHELL="/bin/sh")
        p = run(["sh", "-c", command], cwd=ROOT, env=env, stdin=subprocess.DEVNULL)
        return p.stdout, p.stderr, p.returncode


def same(k, name, native, ours, want_out=None):
    """One test: the same stdout, program stderr and status; stdout is want_out if given."""
    why = []
    if ours[0] != native[0]:
        why.append("stdout: Linux %r, Interlude %r" % (native[0][:200], ours[0][:200]))
    if program_stderr(ours[1]) != native[1]:
        why.append("stderr: Linux %r, Interlude %r" % (native[1][:200], ours[1][:200]))
    if ours[2] != native[2]:
        why.append("status: Linux %d, Interlude %d" % (native[2], ours[2]))
    if want_out is not None and native[0] != want_out:
        why.append("stdout %r, expected %r" % (native[0][:200], want_out[:200]))
    k.check(not why, name, why)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--libc-tests", default=None)
    a = ap.parse_args()
    r = Runner(a.build_dir, a.libc_tests or os.path.join(a.build_dir, "libc-tests"))
    k = Ktap(14)

    # 1. Numbers through a pipe: the sum is known, and Linux agrees.
    numbers = list(range(-300, 3000, 7)) + [10 ** 15, -(10 ** 15) + 1]
    text = "".join("%d%s" % (v, "\n" if i % 5 == 4 else " ") for i, v in enumerate(numbers))
    want = b"%d numbers, sum %d\n" % (len(numbers), sum(numbers))
    same(k, "pipe_sum", r.native("stdin_sum", stdin=text.encode()),
         r.interlude("stdin_sum", stdin=text.encode()), want)

    # 2. Arguments with a space, a quote, an &, nothing at all, a newline, a
    #    byte that is no UTF-8, and words that look like options.
    args = [b"a b", b"it's", b"x&y", b"", b"tab\there", b"new\nline", b"\xff\x01", b"-e",
            b"--", b"--arg=x"]
    want = b"hello from Interlude's libc: argc=%d%s\nGREETING=(unset)\n" % (
        len(args) + 1, b"".join(b" [" + a + b"]" for a in args))
    same(k, "args_exact", r.native("hello", args), r.interlude("hello", args), want)

    # 2b. make run splits ARGS and ENV as a shell would.
    p = run(["make", "-s", "--no-print-directory", "run", "PROG=" + r.prog("hello"),
             "BUILD=" + r.build, "ARGS=-v 'a b' it\\'s x&y", "ENV=GREETING='hi there'"],
            cwd=ROOT, stdin=subprocess.DEVNULL)
    want = b"hello from Interlude's libc: argc=5 [-v] [a b] [it's] [x&y]\nGREETING=hi there\n"
    k.check(p.stdout == want and p.returncode == 0, "make_run_args_split_as_a_shell_would",
            ["stdout %r status %d, expected %r" % (p.stdout, p.returncode, want)])

    # 3. The environment, as exactly.
    greeting = "a b&'c\" $HOME"
    want = b"hello from Interlude's libc: argc=1\nGREETING=" + greeting.encode() + b"\n"
    same(k, "env_exact", r.native("hello", env={"GREETING": greeting}),
         r.interlude("hello", env=["GREETING=" + greeting]), want)

    # 4. 2>/dev/null hides standard error and nothing else; >/dev/null the reverse.
    out, err, status = r.shell("$I $P one 2>/dev/null", "hello")
    want = b"hello from Interlude's libc: argc=2 [one]\nGREETING=(unset)\n"
    k.check(out == want and status == 0, "stderr_hidden_by_2_devnull",
            ["stdout %r status %d, expected %r" % (out, status, want)])
    out, err, status = r.shell("$I $P >/dev/null", "hello")
    k.check(out == b"" and err == b"to stderr\n", "stdout_hidden_by_devnull",
            ["stdout %r stderr %r" % (out, err)])

    # 4b. A closed standard input is an end of file (the runner must not
    #     take fd 0 for a socket of its own and read that).
    out, err, status = r.shell("$I $P <&-", "stdin_sum")
    k.check(out == b"0 numbers, sum 0\n" and status == 0, "closed_stdin_is_end_of_file",
            ["stdout %r stderr %r status %d" % (out, err[-300:], status)])

    # 5. Every byte value through standard input and back, 0x04 and 0xff included.
    data = bytes(range(256)) * 300 + b"\x04" * 999 + b"\xff" * 999 + b"\x00\n\r\x1b"
    ours = r.interlude("stdio_probe", ["cat"], stdin=data)
    same(k, "binary_stdin_exact", r.native("stdio_probe", ["cat"], stdin=data), ours, data)

    # 6. Lines through getline, one longer than any buffer, one holding a NUL;
    #    then getc, ungetc and fgets after them.
    text = b"short\n" + b"x" * 5000 + b"\n" + b"a\0b\n" + b"\n-- stop\nrest line\n"
    want = b"6\n5001\n4\n1\nafter the stop: 114, pushed back: 114\nfgets: rest line\n" \
           b"at the end: -1, eof 1\n"
    same(k, "getline_on_a_pipe", r.native("stdio_probe", ["lines"], stdin=text),
         r.interlude("stdio_probe", ["lines"], stdin=text), want)

    # 6. A crash after printf into a pipe: fully buffered, so only stderr shows.
    same(k, "crash_into_pipe_stderr_unbuffered", r.native("stdio_probe", ["crash"]),
         r.interlude("stdio_probe", ["crash"]))

    # 7. exit() flushes what is still buffered.
    same(k, "exit_flushes", r.native("stdio_probe", ["exit"]),
         r.interlude("stdio_probe", ["exit"]), b"a partial line, then exit")

    # 8. On a terminal: isatty, TCGETS, TIOCGWINSZ as Linux answers, and stdout
    #    line-buffered, so the full line shows before the crash.
    tty = "script -qec \"sh -c 'exec 2>/dev/null; %s tty'\" /dev/null"
    native = r.shell(tty % "$P", "stdio_probe")
    ours = r.shell(tty % "$I $P", "stdio_probe")
    why = [] if ours[0] == native[0] else ["Linux %r" % native[0], "Interlude %r" % ours[0]]
    if b"isatty: 1 1 0" not in native[0] or b"a full line" not in native[0] \
            or b"partial" in native[0]:
        why.append("not what a terminal shows: %r" % native[0])
    k.check(not why, "terminal_line_buffered", why)

    # 9. Given the run image's QEMU command (INTERLUDE_QEMU, as make test
    #    gives it), tools/interlude skips make: the same run as through
    #    make, and a command that cannot work fails the run, so it is used.
    base = subprocess.run(["make", "-s", "--no-print-directory", "BUILD=" + r.build,
                           "print-RUN_QEMU"], cwd=ROOT, capture_output=True, text=True)
    plain = {k2: v for k2, v in r.env.items() if k2 != "INTERLUDE_QEMU"}
    through_make = r.interlude("hello", ["m"], run_env=plain)
    prebuilt = r.interlude("hello", ["m"], run_env=dict(plain, INTERLUDE_QEMU=base.stdout.strip()))
    broken = r.interlude("hello", ["m"], run_env=dict(plain, INTERLUDE_QEMU="/nonexistent/qemu"))
    why = []
    if base.returncode != 0 or "qemu-system-x86_64" not in base.stdout:
        why.append("make print-RUN_QEMU: %r (status %d)" % (base.stdout, base.returncode))
    if prebuilt[0] != through_make[0] or prebuilt[2] != through_make[2] or prebuilt[2] != 0:
        why.append("through make %r, prebuilt %r" % (through_make, prebuilt))
    if broken[2] == 0:
        why.append("INTERLUDE_QEMU=/nonexistent/qemu still ran: %r" % (broken,))
    k.check(not why, "prebuilt_run_image_skips_make", why)

    # 10. -C DIR starts the program there: in /tmp it may write a file of
    #     its own by a relative name; a directory that is not one is refused
    #     with a sentence, and the run fails (status 125) without starting.
    tool = [os.path.join(ROOT, "tools/interlude"), "run"]
    sh = [os.path.join("/bin", "busybox"), "sh", "-c", "pwd; echo kept > f; cat f; rm f"]
    here = run(tool + ["-C", "/tmp"] + sh, cwd=ROOT, env=r.env, stdin=subprocess.DEVNULL)
    nowhere = run(tool + ["-C", "/nonexistent", "/bin/busybox", "pwd"], cwd=ROOT, env=r.env,
                  stdin=subprocess.DEVNULL)
    why = []
    if here.stdout != b"/tmp\nkept\n" or here.returncode != 0:
        why.append("-C /tmp: stdout %r status %d" % (here.stdout, here.returncode))
    if nowhere.returncode != 125 or b'"/nonexistent", does not exist' not in nowhere.stderr:
        why.append("-C /nonexistent: status %d, stderr %r" % (nowhere.returncode,
                                                             nowhere.stderr[:300]))
    k.check(not why, "dash_C_starts_in_a_directory", why)
    sys.exit(1 if k.failed else 0)


if __name__ == "__main__":
    main()
