#!/usr/bin/env python3
"""clock_test.py - Interlude's clocks against this machine's, in KTAP.

    tests/shell/clock_test.py [--build-dir build]

Boots Interlude once (tools/interlude run) with busybox's sh printing the
wall-clock time and marks around `sleep 1` and `sleep 2`, and stamps each
line with the host's clock as it arrives (the program's standard output
reaches the runner as it is written). The guest's `date -u +%s` must be
the host's time, within two seconds, at some moment between the run's
start (plus the sleeps before it) and the line's arrival (the kernel
reads QEMU's CMOS clock, which starts at the host's time, at boot),
`date` with TZ unset says UTC
(no time zone file: UTC, as glibc without /etc/localtime), and each sleep
must take its time by the host's clock: at least the time asked (less
0.15 s: a busy host may deliver one mark later than the next), and not
a second more (more on a machine that TEST_TIMEOUT_SCALE says
is slow). What the same busybox prints on Linux for dates given to it is
compared in tests/shell/applets.sh; this test is for what cannot be
compared that way: the clock's reading and its speed. With --lua PROG
(tests/shell/lua_clock.c: Debian's Lua 5.4, static), it also runs Lua's
os.time() and os.date("!%Y-%m-%d") in Interlude against the host's clock.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import ktap  # noqa: E402

SCALE = int(os.environ.get("TEST_TIMEOUT_SCALE", "1") or 1)
SCRIPT = ("date -u +%s; date +%Z; echo mark; sleep 1; echo mark; sleep 2; echo mark; "
          "date -u +%s")


def run(build_dir):
    """Runs SCRIPT in Interlude: [(host time, line)], the exit status, stderr,
    and the host's time just before the run began."""
    top = os.path.join(build_dir, "runs")
    os.makedirs(top, exist_ok=True)
    run_dir = tempfile.mkdtemp(prefix="clock_test-", dir=top)
    env = dict(os.environ, BUILD=build_dir, INTERLUDE_RUN_DIR=run_dir)
    started = time.time()
    p = subprocess.Popen([os.path.join(ROOT, "tools", "interlude"), "run", "/bin/busybox", "sh",
                          "-c", SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, env=env, cwd=ROOT)
    lines = [(time.time(), line.decode(errors="replace").rstrip("\n")) for line in p.stdout]
    err = p.stderr.read().decode(errors="replace")
    status = p.wait()
    shutil.rmtree(run_dir, ignore_errors=True)
    return lines, status, err, started


def run_lua(build_dir, prog):
    """Runs the Lua clock program in Interlude: (host time at the end, its lines, status)."""
    top = os.path.join(build_dir, "runs")
    os.makedirs(top, exist_ok=True)
    run_dir = tempfile.mkdtemp(prefix="lua_clock-", dir=top)
    env = dict(os.environ, BUILD=build_dir, INTERLUDE_RUN_DIR=run_dir)
    p = subprocess.run([os.path.join(ROOT, "tools", "interlude"), "run", os.path.abspath(prog)],
                       capture_output=True, stdin=subprocess.DEVNULL, env=env, cwd=ROOT)
    shutil.rmtree(run_dir, ignore_errors=True)
    return time.time(), p.stdout.decode(errors="replace").split(), p.returncode


def check_lua(k, build_dir, prog):
    """Two tests: os.time() is the host's time within 2 s (allowing the boot
    after the call), and os.date("!%Y-%m-%d") is the host's UTC date."""
    started = time.time()
    ended, words, status = run_lua(build_dir, prog)
    now = words[0] if words else ""
    ok = status == 0 and now.isdigit() and started - 2 <= int(now) <= ended + 2
    k.check(ok, "Lua's os.time() in Interlude is the host's time",
            ["status %d, output %r, the host %.1f-%.1f" % (status, words, started, ended)])
    dates = {time.strftime("%Y-%m-%d", time.gmtime(t)) for t in (started, ended)}
    k.check(len(words) == 2 and words[1] in dates, "Lua's os.date('!%Y-%m-%d') is the host's date",
            ["output %r, the host %s" % (words, sorted(dates))])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--lua", help="tests/shell/lua_clock.c's program")
    a = ap.parse_args()
    k = ktap.Writer(6 + (2 if a.lua else 0))
    if a.lua:
        check_lua(k, a.build_dir, a.lua)
    lines, status, err, started = run(a.build_dir)
    got = [text for _, text in lines]
    k.check(status == 0 and len(lines) == 6, "the script ran: 6 lines, status 0",
            ["status %d, lines %r" % (status, got)] + err.splitlines()[-10:])
    lines += [(0.0, "")] * (6 - len(lines))
    (t_first, first), (_, zone), (m1, _), (m2, _), (m3, _), (t_last, last) = lines[:6]
    # The line was printed after the run began (and the last one after
    # the script's three seconds of sleep) and before it arrived: a busy
    # host that delays a line widens that window instead of failing the
    # test (an arrival time is no lower bound: the line may have waited).
    # Two seconds of slack: `date +%s` truncates, and the CMOS clock that
    # the kernel reads at boot counts whole seconds.
    for name, before, when, text in (("at the start", started, t_first, first),
                                     ("at the end", started + 3, t_last, last)):
        ok = text.isdigit() and before - 2 <= int(text) <= when + 1
        k.check(ok, "date -u +%%s %s is the host's time within 2 s" % name,
                ["Interlude %r, the host %.1f before it and %.1f when the line came"
                 % (text, before, when)])
    k.check(zone == "UTC", "date +%Z with TZ unset: UTC", ["got %r" % zone])
    # Early by at most 0.15 s: each mark is stamped when it arrives, and
    # a busy host delays one line more than the next (a 1 s sleep measured
    # 0.942 s under make test's load); a guest clock 15 % fast still fails.
    slack, early = 1.0 * SCALE, 0.15
    for asked, start, end in ((1, m1, m2), (2, m2, m3)):
        took = end - start
        k.check(asked - early <= took <= asked + slack,
                "sleep %d takes %d s by the host's clock (within %.1f s)" % (asked, asked, slack),
                ["it took %.3f s" % took])
    sys.exit(1 if k.failed else 0)


if __name__ == "__main__":
    main()
