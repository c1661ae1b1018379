#!/bin/sh
# run.sh - build the libc's tests (tests/libc/*.c) with tools/interlude-cc
# into build/libc-tests/ and run each natively; with -i, also run each in
# Interlude (make run PROG=...). Exits non-zero if any test fails.
#
#   tests/libc/run.sh [-i] [name...]      e.g. tests/libc/run.sh -i string_test
#
# Until libc/malloc/ exists, tests/libc/test_malloc.c stands in for it.
cd "$(dirname "$0")/../.." || exit 1
interlude=
[ "$1" = -i ] && { interlude=1; shift; }
out=build/libc-tests
mkdir -p "$out"
make -s libc > "$out/make.log" 2>&1 || { cat "$out/make.log"; exit 1; }
extra=
nm build/libc/libc.a 2>/dev/null | grep -q ' T malloc$' || extra=tests/libc/test_malloc.c
names=$*
[ -n "$names" ] || names=$(ls tests/libc/*.c | sed -n 's|tests/libc/\(.*\)\.c$|\1|p' | grep -v '^test_malloc$')
fail=0
for n in $names; do
	tools/interlude-cc -std=gnu11 -O2 -g -fno-builtin -Wall -Wextra -Werror -o "$out/$n" "tests/libc/$n.c" $extra || {
		echo "BUILD FAILED $n"; fail=1; continue; }
	"$out/$n" > "$out/$n.linux.out" 2> "$out/$n.linux.err"
	st=$?
	echo "linux     $n: exit $st, $(grep -c '^ok' "$out/$n.linux.out") ok, $(grep -c '^not ok' "$out/$n.linux.out") not ok"
	grep '^not ok' "$out/$n.linux.out"
	[ $st = 0 ] || fail=1
	if [ -n "$interlude" ]; then
		make -s run PROG="$out/$n" > "$out/$n.interlude.out" 2> "$out/$n.interlude.err"
		st=$(sed -n 's/^run: exit status \([0-9]*\)$/\1/p' build/kernel.log | tail -n 1)
		echo "interlude $n: exit $st, $(grep -c '^ok' "$out/$n.interlude.out") ok, $(grep -c '^not ok' "$out/$n.interlude.out") not ok"
		grep '^not ok' "$out/$n.interlude.out"
		[ "$st" = 0 ] || fail=1
	fi
done
exit $fail
